"""The conference lock: the queue every place-changing write waits in.

As pretix's `base/services/locking.py` refuses to lock outside a transaction, so
does `lock_conference`: a row lock taken in autocommit mode is released at once and
protects nothing. A function that needs the lock held by its caller calls
`require_conference_locked`, so a forgotten lock fails loudly instead of letting
two people take the last place.

The lock is remembered as a no-op on_commit callback. Django drops on_commit
callbacks when the transaction rolls back, and those of a savepoint when that
savepoint rolls back, which is exactly when PostgreSQL releases the row lock; a
commit empties the list too. So the mark lives exactly as long as the lock.
"""

from collections.abc import Iterable

from django.db import transaction

from events.models import Conference, Session
from registration.models import RegistrationSettings
from registration.services.rules import settings_for


class ConferenceNotLocked(RuntimeError):
    """A write that needs the conference lock ran without it: a programming error."""


class LockMark:
    """The on_commit callback that says this transaction holds a conference lock."""

    def __init__(self, conference_pk: int) -> None:
        self.conference_pk = conference_pk

    def __call__(self) -> None:
        """Do nothing: the lock ends with the transaction, nothing is left to do."""

    def __repr__(self) -> str:
        return f"LockMark(conference_pk={self.conference_pk})"


def _mark_locked(conference_pk: int) -> None:
    transaction.on_commit(LockMark(conference_pk))


def _refuse_outside_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise ConferenceNotLocked(
            "The conference can only be locked inside transaction.atomic()."
        )


def lock_conference(conference: Conference) -> Conference:
    """Lock the conference row: the queue every place-changing write waits in."""
    _refuse_outside_transaction()
    locked = Conference.objects.select_for_update().get(pk=conference.pk)
    _mark_locked(locked.pk)
    return locked


def lock_conference_with_rules(
    conference: Conference,
) -> tuple[Conference, RegistrationSettings]:
    """Lock the conference row and read its registration rules in the same query."""
    _refuse_outside_transaction()
    locked = (
        Conference.objects.select_for_update(of=("self",))
        .select_related("registration_settings")
        .get(pk=conference.pk)
    )
    _mark_locked(locked.pk)
    try:
        return locked, locked.registration_settings
    except RegistrationSettings.DoesNotExist:
        return locked, settings_for(locked)


def is_conference_locked(conference: Conference | int) -> bool:
    """Whether the current transaction holds the lock of this conference."""
    pk = conference if isinstance(conference, int) else conference.pk
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        isinstance(callback, LockMark) and callback.conference_pk == pk
        for _savepoints, callback, _robust in connection.run_on_commit
    )


def require_conference_locked(conference: Conference | int) -> None:
    """Refuse to go on unless the caller's transaction holds the conference lock."""
    if not is_conference_locked(conference):
        pk = conference if isinstance(conference, int) else conference.pk
        raise ConferenceNotLocked(
            f"Conference {pk} must be locked first (lock_conference, in the same "
            "transaction)."
        )


def lock_sessions(ids: Iterable[int]) -> list[Session]:
    """Lock side-event rows in pk order: the second queue, after the conference."""
    ids = sorted(set(ids))
    if not ids:
        return []
    return list(
        Session.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("room")
        .order_by("pk")
    )
