"""One record per e-mail: what it is about, to whom, and how sending it goes."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Email(models.Model):
    """An e-mail, written in the transaction of the change that causes it.

    The message itself is built when it is sent, so that it says what is true
    then; the record keeps what staff need to see: its state, the attempts and the
    last error.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        FAILING = "failing", _("failing")
        GIVEN_UP = "given_up", _("given up")
        NOT_NEEDED = "not_needed", _("no longer needed")

    class Step(models.TextChoices):
        BUILDING = "building", _("building the message")
        SENDING = "sending", _("sending to the mail server")

    app = models.CharField(_("app"), max_length=40)
    kind = models.CharField(_("kind"), max_length=40)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    extra = models.JSONField(default=dict, blank=True)
    conference = models.ForeignKey(
        "events.Conference",
        verbose_name=_("conference"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
    )
    origin = models.CharField(max_length=200, blank=True)
    recipient = models.CharField(_("recipient"), max_length=500, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    failed_step = models.CharField(
        _("failed while"), max_length=10, choices=Step.choices, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    resent_at = models.DateTimeField(_("re-sent at"), null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("re-sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state"], name="outbox_email_state"),
            models.Index(fields=["content_type", "object_id"], name="outbox_about"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient or '?'}"

    @property
    def needs_staff(self) -> bool:
        return self.state in {self.State.FAILING, self.State.GIVEN_UP}


class Alert(models.Model):
    """Staff were told that e-mails are failing; open until sending is healthy again.

    At most one is open (a constraint, so two workers failing at once send one
    alert): a new alert waits for the next failure after every e-mail went out.
    """

    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    is_open = models.BooleanField(default=True)
    first_failure = models.ForeignKey(
        Email, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    notice = models.ForeignKey(
        Email, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("e-mail failure alert")
        verbose_name_plural = _("e-mail failure alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["is_open"],
                condition=Q(is_open=True),
                name="outbox_one_open_alert",
            )
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"
