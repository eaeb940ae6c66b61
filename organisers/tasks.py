"""Background jobs of the portal: its e-mails, sent by the worker with retries."""

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from events.site_url import using_origin
from organisers.emails import build_and_send

logger = logging.getLogger(__name__)


@task
def send_portal_email(kind: str, pk: int, attempt: int = 1, origin: str = "") -> str:
    """Build and send one e-mail (a new personal link is made as it is built).

    When the mail server fails, the link is not lost: another attempt is queued
    with a growing delay, as for registration e-mails.
    """
    try:
        with transaction.atomic(), using_origin(origin):
            sent = build_and_send(kind, pk)
    except (smtplib.SMTPException, OSError):
        delays = settings.REGISTRATION_EMAIL_RETRY_DELAYS
        if attempt <= len(delays):
            run_after = timezone.now() + dt.timedelta(seconds=delays[attempt - 1])
            send_portal_email.using(run_after=run_after).enqueue(
                kind, pk, attempt + 1, origin
            )
            logger.warning("Portal e-mail %s #%s failed; retrying", kind, pk)
        else:
            logger.error("Portal e-mail %s #%s failed %s times", kind, pk, attempt)
        raise
    return "sent" if sent else "skipped"
