"""Invitations, registrations, the waiting list; online participants beside them.

Personal links carry a random token; only its SHA-256 hash is stored, so a copy of
the database does not let anyone register in somebody else's name.
"""

import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Conference, Session
from registration.online_participants import (  # noqa: F401 -- models
    OnlineAnnouncement,
    OnlineParticipant,
)
from registration.personal_links import PersonalLink  # noqa: F401 -- a model
from registration.validators import Language, organisation_field, validate_no_markup


def new_checkin_code() -> str:
    return secrets.token_urlsafe(12)


class RegistrationSettings(models.Model):
    """Registration rules of one conference, kept here so events needs no change."""

    conference = models.OneToOneField(
        Conference,
        on_delete=models.CASCADE,
        related_name="registration_settings",
        verbose_name=_("conference"),
    )
    in_person_capacity = models.PositiveIntegerField(
        _("in-person capacity"),
        null=True,
        blank=True,
        help_text=_("Overrides the conference's capacity when set."),
    )
    deadline = models.DateTimeField(
        _("deadline for changes"),
        null=True,
        blank=True,
        help_text=_(
            "Invitees can register, change or cancel until then; when empty, "
            "until the conference ends."
        ),
    )
    contact_email = models.EmailField(
        _("secretariat contact e-mail"),
        blank=True,
        help_text=_(
            "Shown on the registration pages and in every e-mail; when empty, "
            "the site-wide address (SECRETARIAT_EMAIL)."
        ),
    )
    requires_approval = models.BooleanField(
        _("registrations wait for approval"), default=False
    )
    offer_hours = models.PositiveIntegerField(
        _("hours to accept a place offered from the waiting list"), default=48
    )
    invitation_days = models.PositiveIntegerField(
        _("days an invitation link stays valid"), default=60
    )

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")

    def __str__(self) -> str:
        return str(self.conference)


class Invitation(models.Model):
    class Category(models.TextChoices):
        PARTICIPATING_STATE = "participating_state", _("Participating State")
        PARTNER = "partner", _("Partner for Co-operation")
        INTERNATIONAL = "international", _("International organisation")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        LIVED_EXPERIENCE = "lived_experience", _("Lived-experience expert")
        ACADEMIA = "academia", _("Academia")
        MEDIA = "media", _("Media")
        OSCE = "osce", _("OSCE")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        CREATED = "created", _("Created")
        SENT = "sent", _("Sent")
        OPENED = "opened", _("Opened")
        REGISTERED = "registered", _("Registered")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("conference"),
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_no_markup])
    email = models.EmailField(_("email"))
    organisation = organisation_field()
    delegation = models.CharField(_("delegation"), max_length=200, blank=True)
    category = models.CharField(
        _("category"), max_length=30, choices=Category, default=Category.OTHER
    )
    position = models.CharField(_("position"), max_length=300, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.ENGLISH
    )
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, help_text=_("How many people may register.")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.CREATED
    )
    expires_at = models.DateTimeField(_("expires"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["conference", "name"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["conference", "email"])]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @property
    def current_status(self) -> str:
        """The stored status, reading an unused link past its expiry as expired."""
        open_statuses = {self.Status.CREATED, self.Status.SENT, self.Status.OPENED}
        if self.status in open_statuses and self.expires_at < timezone.now():
            return self.Status.EXPIRED
        return self.status

    def get_current_status_display(self) -> str:
        return str(self.Status(self.current_status).label)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def holding_place(self) -> "RegistrationQuerySet":
        """Registrations that take one of the in-person places."""
        return self.filter(
            attendance=Registration.Attendance.IN_PERSON,
            status__in=Registration.PLACE_HOLDING,
        )


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Place offered")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    class Interpretation(models.TextChoices):
        NONE = "", _("No interpretation needed")
        ENGLISH = "en", _("Into English")
        RUSSIAN = "ru", _("Into Russian")

    PLACE_HOLDING = (Status.PENDING, Status.CONFIRMED, Status.OFFERED)

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("conference"),
    )
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("invitation"),
    )
    submission_key = models.UUIDField(default=uuid.uuid4, editable=False)
    honorific = models.CharField(_("honorific"), max_length=30, blank=True)
    given_name = models.CharField(
        _("given name"), max_length=150, validators=[validate_no_markup]
    )
    family_name = models.CharField(
        _("family name"), max_length=150, validators=[validate_no_markup]
    )
    position = models.CharField(_("position"), max_length=300, blank=True)
    organisation = organisation_field()
    delegation = models.CharField(_("delegation"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.ENGLISH
    )
    attendance = models.CharField(
        _("attendance"),
        max_length=20,
        choices=Attendance,
        default=Attendance.IN_PERSON,
    )
    sessions = models.ManyToManyField(
        Session,
        blank=True,
        related_name="registrations",
        verbose_name=_("side events attended in person"),
    )
    interpretation = models.CharField(
        _("interpretation"),
        max_length=2,
        choices=Interpretation,
        default=Interpretation.NONE,
        blank=True,
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    dietary_needs = models.TextField(_("dietary needs"), blank=True)
    consent_at = models.DateTimeField(_("consent given"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.CONFIRMED
    )
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    checkin_code = models.CharField(
        _("check-in code"), max_length=32, unique=True, default=new_checkin_code
    )
    checked_in_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        permissions = [("check_in", _("Can check people in at the venue"))]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "submission_key"],
                name="registration_one_per_submission",
            )
        ]
        indexes = [models.Index(fields=["conference", "status", "created_at"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.honorific, self.given_name, self.family_name) if part
        )

    @property
    def is_in_person(self) -> bool:
        return self.attendance == self.Attendance.IN_PERSON


class CheckIn(models.Model):
    """One scan at the door; a second scan of the same code is kept and flagged."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("registration"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="checkins",
        verbose_name=_("side event"),
    )
    scanned_at = models.DateTimeField(_("scanned"), default=timezone.now)
    scanned_by = models.CharField(_("scanned by"), max_length=150, blank=True)
    repeated = models.BooleanField(_("second scan"), default=False)
    # Made by the phone that scanned: a scan queued offline and sent twice is one.
    scan_id = models.UUIDField(_("scan id"), null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-scanned_at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.registration} {self.scanned_at:%Y-%m-%d %H:%M}"


class SideEventWaitQuerySet(models.QuerySet["SideEventWait"]):
    def with_position(self) -> "SideEventWaitQuerySet":
        """Annotate each entry with its place in its side event's queue (1 = next)."""
        ahead = (
            SideEventWait.objects.filter(session=models.OuterRef("session"))
            .filter(
                models.Q(created_at__lt=models.OuterRef("created_at"))
                | models.Q(
                    created_at=models.OuterRef("created_at"),
                    id__lte=models.OuterRef("id"),
                )
            )
            .order_by()
            .values("session")
            .annotate(count=models.Count("id"))
            .values("count")
        )
        return self.annotate(position=models.Subquery(ahead))


class SideEventWait(models.Model):
    """A registration's place in the queue of a full side event, in arrival order.

    Only registrations that hold a conference place queue here; when a seat frees,
    the earliest entry gets it and the entry is deleted (services/seats.py).
    """

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="side_event_waits",
        verbose_name=_("registration"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="side_event_waits",
        verbose_name=_("side event"),
    )
    created_at = models.DateTimeField(
        _("joined the waiting list"), default=timezone.now
    )

    objects = SideEventWaitQuerySet.as_manager()

    class Meta:
        ordering = ["session", "created_at", "id"]
        verbose_name = _("side-event waiting-list entry")
        verbose_name_plural = _("side-event waiting-list entries")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"],
                name="side_event_wait_once_per_registration",
            )
        ]
        indexes = [models.Index(fields=["session", "created_at", "id"])]

    def __str__(self) -> str:
        return f"{self.registration} – {self.session}"
