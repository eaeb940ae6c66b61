"""The job that makes one attempt of a delivery; the worker runs it after the commit."""

from django.db import transaction
from django.tasks import task

from events.now import now
from registration.models import Registration
from webhooks.models import Delivery, EventType
from webhooks.outcomes import record_failure, record_success
from webhooks.payloads import message, registration_data, session_data
from webhooks.sending import post

DONE = (Delivery.Status.DELIVERED, Delivery.Status.FAILED, Delivery.Status.SKIPPED)


def _build_payload(delivery: Delivery) -> dict | None:
    """The message as sent: ``type``, ``timestamp`` and ``data`` (None: nothing to
    send, the object is gone or a draft)."""
    if delivery.event_type in (EventType.SESSION_CREATED, EventType.SESSION_CHANGED):
        data = session_data(delivery.object_id)
    elif delivery.event_type.startswith("registration."):
        registration = Registration.objects.filter(pk=delivery.object_id).first()
        data = registration_data(registration) if registration else None
    else:
        return None
    if data is None:
        return None
    return message(delivery.event_type, delivery.created_at, data)


@task
def deliver(delivery_id: int) -> str:
    """Attempt a delivery once; a failure schedules the next attempt with back-off.

    Its body is fixed at the first attempt, so every retry sends the same message
    under the same ``webhook-id``.
    """
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("endpoint")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status in DONE:
            return "done"
        if not delivery.endpoint.is_active:
            delivery.status = Delivery.Status.SKIPPED
            delivery.last_error = "Endpoint disabled"
            delivery.save(update_fields=["status", "last_error"])
            return "skipped"
        if delivery.payload is None:
            delivery.payload = _build_payload(delivery)
            if delivery.payload is None:
                delivery.status = Delivery.Status.SKIPPED
                delivery.last_error = "Gone or a draft: nothing to send"
                delivery.save(update_fields=["payload", "status", "last_error"])
                return "skipped"
            delivery.save(update_fields=["payload"])
    endpoint = delivery.endpoint
    outcome = post(
        endpoint.url, endpoint.secret, delivery.message_id, delivery.payload, now()
    )
    if outcome.ok:
        record_success(delivery, outcome.status)
        return "delivered"
    with transaction.atomic():
        run_after = record_failure(delivery, outcome.status, outcome.error)
        if run_after is not None:
            deliver.using(run_after=run_after).enqueue(delivery.pk)
    return "failed"
