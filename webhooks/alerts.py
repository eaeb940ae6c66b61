"""The e-mail that tells staff an endpoint was disabled, sent by the worker."""

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from events.now import now
from events.site_url import absolute_url
from webhooks.models import Endpoint

logger = logging.getLogger(__name__)


def alert_recipients() -> list[str]:
    """``WEBHOOKS_ALERT_EMAILS``, else the secretariat's address."""
    return list(settings.WEBHOOKS_ALERT_EMAILS) or [settings.SECRETARIAT_EMAIL]


@task
def send_endpoint_disabled_email(endpoint_id: int, attempt: int = 1) -> str:
    """Tell staff which endpoint stopped and why; retried while mail is down."""
    endpoint = Endpoint.objects.filter(pk=endpoint_id).first()
    if endpoint is None:
        return "skipped"
    with translation.override(settings.LANGUAGE_CODE):
        link = absolute_url(
            reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])
        )
        subject = _("Webhook endpoint disabled: %(name)s") % {"name": endpoint.name}
        body = _(
            "The webhook endpoint %(name)s (%(url)s) has failed every delivery for a "
            "day and has been disabled.\n\nLast error: %(error)s\n\nCheck the "
            "receiver, then turn the endpoint on again and re-send its failed "
            "deliveries: %(link)s"
        ) % {
            "name": endpoint.name,
            "url": endpoint.url,
            "error": endpoint.disabled_reason or "-",
            "link": link,
        }
    try:
        send_mail(subject, body, None, alert_recipients())
    except (smtplib.SMTPException, OSError):
        delays = settings.REGISTRATION_EMAIL_RETRY_DELAYS
        if attempt <= len(delays):
            run_after = now() + dt.timedelta(seconds=delays[attempt - 1])
            send_endpoint_disabled_email.using(run_after=run_after).enqueue(
                endpoint_id, attempt + 1
            )
        logger.warning(
            "Webhook alert for endpoint %s failed (attempt %s)", endpoint_id, attempt
        )
        raise
    return "sent"
