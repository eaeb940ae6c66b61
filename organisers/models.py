"""Who keeps a session up to date besides staff: organisers and speakers.

Each person gets a personal link; only the SHA-256 hash of its token is stored,
so a copy of the database opens no portal.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from reversion.models import Revision

from events.models import Conference, Session
from speakers.models import Participation


class PortalSettings(models.Model):
    """How a conference lets organisers edit their sessions."""

    conference = models.OneToOneField(
        Conference,
        on_delete=models.CASCADE,
        related_name="portal_settings",
        verbose_name=_("conference"),
    )
    edits_need_approval = models.BooleanField(
        _("organisers' edits wait for approval"),
        default=False,
        help_text=_(
            "When set, staff approve each change before it is published; "
            "otherwise it goes live at once."
        ),
    )
    edit_deadline = models.DateTimeField(
        _("edit deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: organisers may edit until their session starts."),
    )
    contact_email = models.EmailField(
        _("contact of the secretariat"),
        blank=True,
        help_text=_("Shown to organisers and speakers, and told of declines."),
    )

    class Meta:
        verbose_name = _("organiser portal settings")
        verbose_name_plural = _("organiser portal settings")

    def __str__(self) -> str:
        return str(self.conference)


class OrganiserAccess(models.Model):
    """A contact person of an organisation who may edit one session."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="organiser_accesses",
        verbose_name=_("session"),
    )
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    link_sent_at = models.DateTimeField(_("link sent"), null=True, editable=False)
    last_opened_at = models.DateTimeField(_("last opened"), null=True, editable=False)

    class Meta:
        ordering = ["session", "email"]
        verbose_name = _("organiser access")
        verbose_name_plural = _("organiser accesses")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"], name="organiser_access_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.session}"


class PendingEdit(models.Model):
    """An organiser's change of a session, waiting for staff to approve it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Sent back")
        SUPERSEDED = "superseded", _("Replaced by a later edit")

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="pending_edits",
        verbose_name=_("session"),
    )
    access = models.ForeignKey(
        OrganiserAccess,
        on_delete=models.SET_NULL,
        null=True,
        related_name="edits",
        verbose_name=_("organiser"),
    )
    submitted_by = models.EmailField(_("submitted by"))
    before = models.JSONField(_("before"), default=dict)
    after = models.JSONField(_("after"), default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING
    )
    comment = models.TextField(_("comment to the organiser"), blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("organiser edit")
        verbose_name_plural = _("organiser edits")

    def __str__(self) -> str:
        return f"{self.session} ({self.get_status_display()})"


class SpeakerConfirmation(models.Model):
    """A person's own answer: taking part or not, in the room or online."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    participation = models.OneToOneField(
        Participation,
        on_delete=models.CASCADE,
        related_name="confirmation",
        verbose_name=_("participation"),
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    requested_at = models.DateTimeField(_("asked"), auto_now_add=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    class Meta:
        ordering = ["participation__session", "participation__order"]
        verbose_name = _("speaker confirmation")
        verbose_name_plural = _("speaker confirmations")

    def __str__(self) -> str:
        return f"{self.participation} ({self.get_status_display()})"


class PortalRevision(models.Model):
    """Who made a change through a personal link, kept with its history entry."""

    revision = models.OneToOneField(
        Revision, on_delete=models.CASCADE, related_name="portal"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20)

    class Meta:
        verbose_name = _("change through a personal link")
        verbose_name_plural = _("changes through personal links")

    def __str__(self) -> str:
        return f"{self.role}: {self.email}"
