"""The programme of a conference: venues, rooms, organisations, sessions."""

import zoneinfo
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a known time zone."), params={"value": value}
        )


class LanguageCode(models.TextChoices):
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")


def validate_language_list(value: object) -> None:
    known = set(LanguageCode.values)
    if not isinstance(value, list) or any(code not in known for code in value):
        raise ValidationError(
            _("Give a list of language codes from: %(codes)s."),
            params={"codes": ", ".join(sorted(known))},
        )


class VenueManager(models.Manager["Venue"]):
    def get_by_natural_key(self, slug: str) -> "Venue":
        return self.get(slug=slug)


class Venue(models.Model):
    name = models.CharField(pgettext_lazy("of a place", "name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = VenueManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return f"{self.name}, {self.city}" if self.city else self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class RoomManager(models.Manager["Room"]):
    def get_by_natural_key(self, venue_slug: str, slug: str) -> "Room":
        return self.get(venue__slug=venue_slug, slug=slug)


class Room(models.Model):
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("venue")
    )
    name = models.CharField(pgettext_lazy("of a place", "name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats for in-person participants."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The database fills in the time for rows written without one: the rooms that
    # existed before rooms had timestamps, and their older versions that the admin
    # restores from the history.
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())

    objects = RoomManager()

    class Meta:
        ordering = ["venue__name", "order", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(
                fields=["venue", "slug"], name="room_unique_slug_per_venue"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str, str]:
        return (*self.venue.natural_key(), self.slug)

    natural_key.dependencies = ["events.venue"]


class OrganisationManager(models.Manager["Organisation"]):
    def get_by_natural_key(self, slug: str) -> "Organisation":
        return self.get(slug=slug)


class Organisation(models.Model):
    name = models.CharField(_("full name"), max_length=300)
    short_name = models.CharField(
        _("short name or acronym"),
        max_length=100,
        blank=True,
        help_text=_("e.g. OSR/CTHB"),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    other_names = models.JSONField(
        _("other spellings"),
        default=list,
        blank=True,
        help_text=_("Other ways the documents write this organisation's name."),
    )
    website = models.URLField(_("website"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.display_name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        if not isinstance(self.other_names, list) or not all(
            isinstance(name, str) for name in self.other_names
        ):
            raise ValidationError({"other_names": _("Give a list of names.")})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class ConferenceQuerySet(models.QuerySet["Conference"]):
    def published(self) -> "ConferenceQuerySet":
        return self.filter(status=Conference.Status.PUBLISHED)


class ConferenceManager(models.Manager["Conference"]):
    def get_by_natural_key(self, slug: str) -> "Conference":
        return self.get(slug=slug)


class Conference(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        EXPERT_MEETING = "expert_meeting", _("Expert meeting")

    edition = models.PositiveSmallIntegerField(
        _("edition number"),
        null=True,
        blank=True,
        help_text=_("e.g. 26 for the 26th conference"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind, default=Kind.CONFERENCE
    )
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Vienna",
        validators=[validate_time_zone],
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences",
        verbose_name=_("venue"),
    )
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences",
        verbose_name=_("organiser"),
    )
    hashtag = models.CharField(_("hashtag"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    in_person_by_invitation = models.BooleanField(
        _("in person by invitation only"), default=True
    )
    online_for_everyone = models.BooleanField(
        _("open online for everyone"), default=True
    )
    participation_policy = models.TextField(
        _("participation policy"),
        blank=True,
        help_text=_("How people take part, as told to the public."),
    )
    in_person_capacity = models.PositiveIntegerField(
        _("in-person capacity"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ConferenceManager.from_queryset(ConferenceQuerySet)()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="conference_ends_after_start",
                violation_error_message=_(
                    "The conference cannot end before it starts."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:conference", kwargs={"conference": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The conference cannot end before it starts.")}
            )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local(self, moment: datetime) -> datetime:
        """Return a moment in the conference's own zone, as attendees read it."""
        return timezone.localtime(moment, self.tzinfo)


class SessionQuerySet(models.QuerySet["Session"]):
    def published(self) -> "SessionQuerySet":
        return self.filter(
            is_published=True, conference__status=Conference.Status.PUBLISHED
        )


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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SessionManager.from_queryset(SessionQuerySet)()

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
        from events.services import session_integrity_errors

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
        from events.services import session_organiser_errors

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


class Deletion(models.Model):
    """A tombstone: an object of the programme that was deleted, and when.

    API clients that sync with ``updated_since`` learn from these what to drop,
    without refetching everything.
    """

    class Resource(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        SESSION = "session", _("Session")
        ROOM = "room", _("Room")
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Person")
        PARTICIPATION = "participation", _("Participation")
        AGENDA_ITEM = "agenda_item", _("Agenda item")
        SESSION_ORGANISER = "session_organiser", _("Session organiser")
        SESSION_SECTION = "session_section", _("Concept note section")

    resource = models.CharField(_("resource"), max_length=20, choices=Resource)
    object_id = models.BigIntegerField(_("object id"))
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["deleted_at", "id"]
        verbose_name = _("deletion")
        verbose_name_plural = _("deletions")

    def __str__(self) -> str:
        return f"{self.resource} {self.object_id}"
