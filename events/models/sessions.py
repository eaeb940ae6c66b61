"""A session of the programme and its parts: concept note, organisers, agenda."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models.conferences import Conference
from events.models.deletions import Deletion
from events.models.organisations import Organisation
from events.models.places import Room
from events.validators import (
    session_integrity_errors,
    session_organiser_errors,
    validate_language_list,
)

# Sessions whose online link the conference's own online sign-up gives. A session
# with its own registration page (``online_registration_url``, as a partner's side
# event may have) keeps it and stays out.
FOLLOWED_BY_ONLINE_SIGNUP = models.Q(
    online_link_on_registration=True, online_registration_url=""
)


class SessionQuerySet(models.QuerySet["Session"]):
    def published(self) -> "SessionQuerySet":
        return self.filter(
            is_published=True, conference__status=Conference.Status.PUBLISHED
        )

    def followed_by_online_signup(self) -> "SessionQuerySet":
        return self.filter(FOLLOWED_BY_ONLINE_SIGNUP)


class SessionManager(models.Manager["Session"]):
    def get_by_natural_key(self, conference_slug: str, slug: str) -> "Session":
        return self.get(conference__slug=conference_slug, slug=slug)


class Session(models.Model):
    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration")
        OPENING = "opening", _("Opening")
        KEYNOTE = "keynote", _("Keynote")
        PLENARY = "plenary", _("Plenary panel")
        SESSION = "session", _("Session")
        SIDE_EVENT = "side_event", _("Side event")
        BREAK = "break", _("Break")
        LUNCH = "lunch", _("Lunch")
        CLOSING = "closing", _("Closing")
        OTHER = "other", _("Other")

    class AttendanceMode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("In person and online")
        ONLINE = "online", _("Online")

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("conference"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind, default=Kind.SESSION
    )
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("room"),
    )
    attendance_mode = models.CharField(
        _("attendance mode"),
        max_length=20,
        choices=AttendanceMode,
        default=AttendanceMode.HYBRID,
    )
    online_platform = models.CharField(
        _("online platform"), max_length=50, blank=True, help_text=_("e.g. Zoom")
    )
    online_join_url = models.URLField(_("join URL"), max_length=500, blank=True)
    online_meeting_id = models.CharField(_("meeting ID"), max_length=50, blank=True)
    online_passcode = models.CharField(_("passcode"), max_length=50, blank=True)
    online_registration_url = models.URLField(
        _("registration URL for the online link"),
        max_length=500,
        blank=True,
        help_text=_("Where people register to receive the join link."),
    )
    online_link_on_registration = models.BooleanField(
        _("online link given on registration"),
        default=False,
        help_text=_("The join link is sent to people who sign up, not published."),
    )
    interpretation_languages = models.JSONField(
        _("interpretation languages"),
        default=list,
        blank=True,
        validators=[validate_language_list],
        help_text=_('Language codes, e.g. ["en", "ru"].'),
    )
    is_published = models.BooleanField(_("published"), default=True)
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Grows by one with each change a calendar subscriber sees."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SessionManager.from_queryset(SessionQuerySet)()

    tombstone_resource = Deletion.Resource.SESSION

    class Meta:
        ordering = ["start", "room__order", "room__name", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "slug"], name="session_unique_slug_per_conference"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["conference", "start"], name="session_conf_start")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "events:session",
            kwargs={"conference": self.conference.slug, "session": self.slug},
        )

    def natural_key(self) -> tuple[str, str]:
        return (*self.conference.natural_key(), self.slug)

    natural_key.dependencies = ["events.conference", "events.room"]

    def clean(self) -> None:
        errors = session_integrity_errors(self)
        if errors:
            raise ValidationError(errors)

    @property
    def local_start(self) -> datetime:
        return self.conference.local(self.start)

    @property
    def local_end(self) -> datetime:
        return self.conference.local(self.end)

    @property
    def followed_by_online_signup(self) -> bool:
        """The rule of ``FOLLOWED_BY_ONLINE_SIGNUP``, for a loaded session."""
        return self.online_link_on_registration and not self.online_registration_url

    @property
    def online_details_known(self) -> bool:
        """Whether there is something to send: a join link or a meeting ID."""
        return bool(self.online_join_url or self.online_meeting_id)

    def public_online(self, field: str) -> str:
        """An online detail as published: "" where the link is given on sign-up."""
        return "" if self.online_link_on_registration else getattr(self, field)

    @property
    def public_join_url(self) -> str:
        return self.public_online("online_join_url")

    @property
    def public_meeting_id(self) -> str:
        return self.public_online("online_meeting_id")

    @property
    def public_passcode(self) -> str:
        return self.public_online("online_passcode")

    @property
    def has_online_access(self) -> bool:
        return bool(
            self.online_join_url
            or self.online_meeting_id
            or self.online_registration_url
        )


class SessionSection(models.Model):
    """A titled part of a session's concept note (Background, Purpose, ...)."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("session"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))

    tombstone_resource = Deletion.Resource.SESSION_SECTION
    nested_in_session = True

    class Meta:
        ordering = ["session", "order", "id"]
        verbose_name = _("concept note section")
        verbose_name_plural = _("concept note sections")

    def __str__(self) -> str:
        return self.title


class SessionOrganiser(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        CO_ORGANISER = "co_organiser", _("Co-organiser")

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="organisers",
        verbose_name=_("session"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="session_organisers",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role, default=Role.ORGANISER
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    tombstone_resource = Deletion.Resource.SESSION_ORGANISER
    nested_in_session = True

    class Meta:
        ordering = ["session", "order", "id"]
        verbose_name = _("session organiser")
        verbose_name_plural = _("session organisers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "organisation"], name="session_organiser_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    def clean(self) -> None:
        errors = session_organiser_errors(self)
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("session"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)

    tombstone_resource = Deletion.Resource.AGENDA_ITEM
    nested_in_session = True

    class Meta:
        ordering = ["session", "order", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError(
                {"end": _("An agenda item must end after it starts.")}
            )
