"""Rules of invitations and registrations that every path (web, admin, commands) obeys.

One module per subdomain; import the one you need. Every write that can change who
holds an in-person place runs in one transaction that first locks the Conference
row (`locking.lock_conference`), then the side-event Session rows it touches, by
pk, then registrations, so that invitees who submit at the same moment queue up
behind each other and capacity is never exceeded. Functions that rely on a lock
taken by their caller check it (`locking.require_conference_locked`).

E-mails are queued as outbox records in the same transaction (`mail.queue_email`):
they go out only if it commits, and a mail server that is down leaves them failing
or given up where staff see them, never lost.
"""


class RegistrationError(Exception):
    """A rule stopped the action; the message is meant for the person acting."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
