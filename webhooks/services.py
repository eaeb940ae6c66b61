"""When to tell endpoints, and what follows each attempt: the webhooks' rules.

Receivers in ``webhooks.apps`` only pass the saved or deleted object here. Each
change writes its deliveries and their sending jobs in the change's own
transaction, so a committed change always has its deliveries. Several saves of one
object in one transaction (the admin saves a session, then its inlines) make one
delivery: rows of the current transaction share a batch token, cleared when it
commits. The body of a session delivery is built at its first attempt, from what
was committed.
"""

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from events.models import Conference, ProgrammeRelease, Session
from events.now import now
from webhooks.models import (
    REGISTRATION_EVENTS,
    SESSION_EVENTS,
    Delivery,
    Endpoint,
    EventType,
    new_message_id,
)
from webhooks.payloads import deleted_session_data, message, release_data
from webhooks.tasks import deliver

_TOLD = (EventType.SESSION_CREATED, EventType.SESSION_CHANGED)
SESSION_DELETED = EventType.SESSION_DELETED


def _batch() -> str:
    """The token of the current transaction's deliveries ("" outside one).

    It is forgotten when the transaction commits. The clearing is asked for on
    every call, because a rolled-back transaction drops it: the token it leaves
    names no row, and the next transaction that uses it clears it again.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return ""
    token = getattr(connection, "_webhooks_batch", "") or uuid.uuid4().hex
    connection._webhooks_batch = token

    def clear() -> None:
        connection._webhooks_batch = ""

    transaction.on_commit(clear, robust=True)
    return token


def endpoints_for(
    event_types: Iterable[str], conference_id: int | None
) -> list[Endpoint]:
    """Active endpoints of the conference (or of all) that want one of the types."""
    wanted = set(event_types)
    endpoints = Endpoint.objects.filter(is_active=True)
    endpoints = endpoints.filter(conference_id=None) | endpoints.filter(
        conference_id=conference_id
    )
    return [e for e in endpoints if wanted & set(e.events)]


def _queue(
    endpoint: Endpoint,
    event_type: str,
    object_id: int,
    *,
    batch: str,
    data: dict | None = None,
) -> Delivery:
    """Write a delivery and its job; ``data`` now, or (None) built at sending."""
    moment = now()
    delivery = Delivery.objects.create(
        endpoint=endpoint,
        message_id=new_message_id(),
        event_type=event_type,
        object_id=object_id,
        batch=batch,
        payload=message(event_type, moment, data) if data is not None else None,
        created_at=moment,
        next_attempt_at=moment,
    )
    deliver.enqueue(delivery.pk)
    return delivery


def _is_public(session: Session) -> bool:
    return bool(
        session.is_published
        and session.conference.status == Conference.Status.PUBLISHED
    )


def _last_told(
    endpoints: list[Endpoint], session_id: int, batch: str
) -> dict[int, str]:
    """The last session event each endpoint got before this transaction."""
    rows = (
        Delivery.objects.filter(
            endpoint__in=endpoints, object_id=session_id, event_type__in=SESSION_EVENTS
        )
        .order_by("endpoint_id", "-id")
        .values_list("endpoint_id", "event_type")
    )
    if batch:
        rows = rows.exclude(batch=batch)
    last: dict[int, str] = {}
    for endpoint_id, event_type in rows:
        last.setdefault(endpoint_id, event_type)
    return last


def session_changed(session: Session, *, deleted: bool = False) -> None:
    """Tell endpoints that a session appeared, changed or went away for the public.

    A draft is never sent: a session that becomes a draft is, for an endpoint that
    was told of it, deleted; one published later is created for it then.
    """
    endpoints = endpoints_for(SESSION_EVENTS, session.conference_id)
    if not endpoints:
        return
    batch = _batch()
    public = _is_public(session) and not deleted
    told = _last_told(endpoints, session.pk, batch)
    pending = {
        d.endpoint_id: d
        for d in Delivery.objects.filter(
            batch=batch or "-",
            object_id=session.pk,
            event_type__in=SESSION_EVENTS,
            status=Delivery.Status.PENDING,
            endpoint__in=endpoints,
        )
    }
    for endpoint in endpoints:
        knows = told.get(endpoint.pk) in _TOLD
        if public:
            kind = EventType.SESSION_CHANGED if knows else EventType.SESSION_CREATED
        elif knows or (deleted and _is_public(session)):
            kind = SESSION_DELETED
        else:
            kind = None
        earlier = pending.get(endpoint.pk)
        if earlier is not None:
            _merge(earlier, endpoint, kind, session)
        elif kind is not None and endpoint.wants(kind):
            data = deleted_session_data(session) if kind == SESSION_DELETED else None
            _queue(endpoint, kind, session.pk, batch=batch, data=data)


def session_part_changed(session_id: int) -> None:
    """A part the API nests in the session changed: the session changed."""
    session = Session.objects.select_related("conference").filter(pk=session_id).first()
    if session is not None:
        session_changed(session)


def _merge(
    earlier: Delivery, endpoint: Endpoint, kind: str | None, session: Session
) -> None:
    """Fold a later save of the same transaction into its delivery.

    Created stays created; created then deleted (or made a draft) is nothing.
    """
    created = earlier.event_type == EventType.SESSION_CREATED
    if (
        kind is None
        or not endpoint.wants(kind)
        or (created and kind == SESSION_DELETED)
    ):
        earlier.delete()  # its job finds nothing to send
        return
    if created:
        return
    earlier.event_type = kind
    earlier.payload = (
        message(kind, earlier.created_at, deleted_session_data(session))
        if kind == SESSION_DELETED
        else None
    )
    earlier.save(update_fields=["event_type", "payload"])


def release_published(release: ProgrammeRelease) -> None:
    """Tell endpoints that a version of the programme was published."""
    endpoints = endpoints_for([EventType.PROGRAMME_PUBLISHED], release.conference_id)
    batch = _batch()
    for endpoint in endpoints:
        _queue(
            endpoint,
            EventType.PROGRAMME_PUBLISHED,
            release.pk,
            batch=batch,
            data=release_data(release),
        )


def registration_changed(registration: Any, *, created: bool) -> None:
    """Tell staff systems of a registration made, changed or cancelled."""
    endpoints = endpoints_for(REGISTRATION_EVENTS, registration.conference_id)
    if not endpoints:
        return
    if created:
        kind = EventType.REGISTRATION_CREATED
    elif registration.status == "cancelled":
        kind = EventType.REGISTRATION_CANCELLED
    else:
        kind = EventType.REGISTRATION_CHANGED
    batch = _batch()
    pending = {
        d.endpoint_id: d
        for d in Delivery.objects.filter(
            batch=batch or "-",
            object_id=registration.pk,
            event_type__in=REGISTRATION_EVENTS,
            status=Delivery.Status.PENDING,
            endpoint__in=endpoints,
        )
    }
    for endpoint in endpoints:
        earlier = pending.get(endpoint.pk)
        if earlier is not None:
            if kind == EventType.REGISTRATION_CANCELLED and endpoint.wants(kind):
                earlier.event_type = kind
                earlier.save(update_fields=["event_type"])
        elif endpoint.wants(kind):
            _queue(endpoint, kind, registration.pk, batch=batch)


def resend(deliveries: QuerySet[Delivery]) -> int:
    """Send the deliveries again now, with their own message id and body."""
    count = 0
    with transaction.atomic():
        for delivery in deliveries.select_for_update():
            delivery.status = Delivery.Status.PENDING
            delivery.next_attempt_at = now()
            delivery.save(update_fields=["status", "next_attempt_at"])
            deliver.enqueue(delivery.pk)
            count += 1
    return count
