"""Webhook endpoints that staff register, and the deliveries made to them."""

import base64
import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Conference


class EventType(models.TextChoices):
    """What an endpoint can be told, in Standard Webhooks' ``type`` field."""

    SESSION_CREATED = "session.created", _("Session created")
    SESSION_CHANGED = "session.changed", _("Session changed")
    SESSION_DELETED = "session.deleted", _("Session deleted")
    PROGRAMME_PUBLISHED = "programme.published", _("Programme version published")
    REGISTRATION_CREATED = "registration.created", _("Registration created")
    REGISTRATION_CHANGED = "registration.changed", _("Registration changed")
    REGISTRATION_CANCELLED = "registration.cancelled", _("Registration cancelled")


SESSION_EVENTS = (
    EventType.SESSION_CREATED,
    EventType.SESSION_CHANGED,
    EventType.SESSION_DELETED,
)
REGISTRATION_EVENTS = (
    EventType.REGISTRATION_CREATED,
    EventType.REGISTRATION_CHANGED,
    EventType.REGISTRATION_CANCELLED,
)


def new_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class Endpoint(models.Model):
    """An address outside that is told of changes, signed with its own secret."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("Who receives it, for staff.")
    )
    url = models.URLField(
        _("URL"),
        max_length=500,
        help_text=_("A public https address; private and local addresses are refused."),
    )
    secret = models.CharField(_("secret"), max_length=100, default=new_secret)
    # Protected: a conference's deletion tells endpoints of its sessions' deletion,
    # so its own endpoints must be removed (or widened) first.
    conference = models.ForeignKey(
        Conference,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="webhook_endpoints",
        verbose_name=_("conference"),
        help_text=_("Leave empty for every conference."),
    )
    events = models.JSONField(_("events"), default=list)
    is_active = models.BooleanField(_("active"), default=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    disabled_at = models.DateTimeField(_("disabled"), null=True, blank=True)
    disabled_reason = models.CharField(
        _("why it was disabled"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.name

    def wants(self, event_type: str) -> bool:
        return event_type in self.events


class Delivery(models.Model):
    """One message to one endpoint, with every attempt's outcome.

    The row is written in the transaction of the change it tells, together with
    the job that sends it, so a change is never committed without its delivery.
    ``message_id`` is the ``webhook-id``: the same on every attempt, so the
    receiver can drop duplicates.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        RETRYING = "retrying", _("Failed, will retry")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed, gave up")
        SKIPPED = "skipped", _("Not sent")

    endpoint = models.ForeignKey(
        Endpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    message_id = models.CharField(_("message id"), max_length=60, unique=True)
    event_type = models.CharField(_("event"), max_length=40, choices=EventType.choices)
    # The object the message is about (a session, a release, a registration), so
    # that several saves in one transaction make one delivery.
    object_id = models.PositiveBigIntegerField(_("object id"))
    batch = models.CharField(max_length=32, blank=True, editable=False)
    payload = models.JSONField(_("payload"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_code = models.PositiveSmallIntegerField(
        _("response code"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"))
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["endpoint", "event_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.event_type} #{self.object_id} → {self.endpoint}"


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"
