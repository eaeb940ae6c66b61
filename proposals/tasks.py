"""Background jobs of proposals: e-mails, sent by the worker with retries."""

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from events.site_url import using_origin
from proposals.emails import build_and_send

logger = logging.getLogger(__name__)


@task
def send_proposal_email(kind: str, pk: int, attempt: int = 1, origin: str = "") -> str:
    """Build and send one e-mail to a proposer; on a mail failure, queue a retry.

    Built at sending time in the proposal's language, so a personal link is issued
    by the worker and its token never waits in the queue's table.
    """
    try:
        with transaction.atomic(), using_origin(origin):
            sent = build_and_send(kind, pk)
    except (smtplib.SMTPException, OSError):
        delays = settings.REGISTRATION_EMAIL_RETRY_DELAYS
        if attempt <= len(delays):
            run_after = timezone.now() + dt.timedelta(seconds=delays[attempt - 1])
            send_proposal_email.using(run_after=run_after).enqueue(
                kind, pk, attempt + 1, origin
            )
            logger.warning(
                "Proposal e-mail %s #%s failed (attempt %s); retrying",
                kind,
                pk,
                attempt,
            )
        else:
            logger.error(
                "Proposal e-mail %s #%s failed %s times; giving up", kind, pk, attempt
            )
        raise
    return "sent" if sent else "skipped"
