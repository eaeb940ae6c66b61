"""Background jobs: e-mails, sent by the worker (`manage.py db_worker`) with retries."""

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from events.site_url import using_origin
from registration.emails import build_and_send

logger = logging.getLogger(__name__)


@task
def send_registration_email(
    kind: str, pk: int, attempt: int = 1, origin: str = "", **extra: int
) -> str:
    """Build and send one e-mail; when the mail server fails, queue another attempt.

    The message is built at sending time, so it says what is true then, in the
    recipient's language, its links on the origin it was queued from (``origin``,
    where ``SITE_URL`` is unset). A failed attempt is recorded as a failed task and
    a new job is queued with a growing delay, so no e-mail is lost while the server
    is down.
    """
    try:
        with transaction.atomic(), using_origin(origin):
            sent = build_and_send(kind, pk, **extra)
    except (smtplib.SMTPException, OSError):
        delays = settings.REGISTRATION_EMAIL_RETRY_DELAYS
        if attempt <= len(delays):
            run_after = timezone.now() + dt.timedelta(seconds=delays[attempt - 1])
            send_registration_email.using(run_after=run_after).enqueue(
                kind, pk, attempt + 1, origin=origin, **extra
            )
            logger.warning(
                "E-mail %s #%s failed (attempt %s); retrying", kind, pk, attempt
            )
        else:
            logger.error("E-mail %s #%s failed %s times; giving up", kind, pk, attempt)
        raise
    return "sent" if sent else "skipped"
