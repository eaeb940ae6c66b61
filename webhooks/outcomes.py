"""What follows an attempt: retries with back-off, and disabling an endpoint that
keeps failing (with an e-mail to staff)."""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction

from events.now import now
from webhooks.alerts import send_endpoint_disabled_email
from webhooks.models import Delivery, Endpoint

logger = logging.getLogger(__name__)


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential back-off: the base doubled for each failed attempt, capped."""
    seconds = settings.WEBHOOKS_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.WEBHOOKS_RETRY_MAX_SECONDS))


def record_success(delivery: Delivery, status: int) -> None:
    moment = now()
    delivery.status = Delivery.Status.DELIVERED
    delivery.attempts += 1
    delivery.response_code = status
    delivery.last_error = ""
    delivery.last_attempt_at = delivery.delivered_at = moment
    delivery.next_attempt_at = None
    delivery.save()
    Endpoint.objects.filter(pk=delivery.endpoint_id).update(failing_since=None)


def record_failure(
    delivery: Delivery, status: int | None, error: str
) -> dt.datetime | None:
    """Note a failed attempt; schedule the next one, or give up. Returns when the
    next attempt runs (None when there is none).

    An endpoint that has failed without a single success for
    ``WEBHOOKS_DISABLE_AFTER_SECONDS`` is disabled and staff are told by e-mail.
    """
    moment = now()
    with transaction.atomic():
        endpoint = Endpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
        if endpoint.failing_since is None:
            endpoint.failing_since = moment
            endpoint.save(update_fields=["failing_since"])
        elif endpoint.is_active and moment - endpoint.failing_since >= dt.timedelta(
            seconds=settings.WEBHOOKS_DISABLE_AFTER_SECONDS
        ):
            disable(endpoint, error)
        delivery.attempts += 1
        delivery.response_code = status
        delivery.last_error = error
        delivery.last_attempt_at = moment
        if endpoint.is_active and delivery.attempts < settings.WEBHOOKS_MAX_ATTEMPTS:
            run_after = moment + retry_delay(delivery.attempts)
            delivery.status = Delivery.Status.RETRYING
            delivery.next_attempt_at = run_after
        else:
            delivery.status = Delivery.Status.FAILED
            delivery.next_attempt_at = run_after = None
        delivery.save()
    logger.warning(
        "Webhook %s to endpoint %s failed (attempt %s): %s",
        delivery.message_id,
        delivery.endpoint_id,
        delivery.attempts,
        error,
    )
    return run_after


def disable(endpoint: Endpoint, error: str) -> None:
    """Stop sending to an endpoint that keeps failing, and e-mail staff once."""
    endpoint.is_active = False
    endpoint.disabled_at = now()
    endpoint.disabled_reason = error[:300]
    endpoint.save(update_fields=["is_active", "disabled_at", "disabled_reason"])
    send_endpoint_disabled_email.enqueue(endpoint.pk)
    logger.error("Webhook endpoint %s disabled after a day of failures", endpoint.pk)
