"""Check-in at the door: one scan per arrival, a second scan flagged."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Conference, Session
from registration.models import CheckIn, Invitation, Registration


@dataclass
class CheckInResult:
    """What the door sees: let in or not, and why."""

    ok: bool
    message: str
    registration: Registration | None = None
    repeated: bool = False
    first_at: datetime | None = None


@transaction.atomic
def check_in(
    *,
    conference: Conference,
    code: str,
    session: Session | None = None,
    by: str = "",
    scan_id: uuid.UUID | None = None,
) -> CheckInResult:
    """Record an arrival; refuse unknown or cancelled codes and flag a second scan.

    A scan the phone sends again (its queue replayed after the network came
    back) carries the same ``scan_id`` and is answered again, not stored twice.
    """
    code = code.strip()
    if scan_id is not None:
        earlier = (
            CheckIn.objects.filter(scan_id=scan_id)
            .select_related("registration")
            .first()
        )
        if earlier is not None:
            return _answer(earlier.registration, session, repeated=earlier.repeated)
    registration = (
        Registration.objects.select_for_update()
        .filter(conference=conference, checkin_code=code)
        .first()
        if code
        else None
    )
    if registration is None:
        return CheckInResult(False, _("Unknown code: no such registration."))
    if registration.invitation.status == Invitation.Status.REVOKED:
        return CheckInResult(False, _("Refused: invitation revoked."), registration)
    if registration.status == Registration.Status.CANCELLED:
        return CheckInResult(False, _("Refused: registration cancelled."), registration)
    if not registration.is_in_person or registration.status not in {
        Registration.Status.CONFIRMED
    }:
        return CheckInResult(
            False,
            _("Refused: no confirmed in-person place (%(status)s).")
            % {"status": registration.get_status_display()},
            registration,
        )
    if session is not None and not registration.sessions.filter(pk=session.pk).exists():
        return CheckInResult(
            False, _("Refused: not registered for this side event."), registration
        )
    repeated = registration.checkins.filter(session=session).exists()
    CheckIn.objects.create(
        registration=registration,
        session=session,
        scanned_by=by,
        repeated=repeated,
        scan_id=scan_id,
    )
    if session is None and registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at", "updated_at"])
    return _answer(registration, session, repeated=repeated)


def _answer(
    registration: Registration, session: Session | None, *, repeated: bool
) -> CheckInResult:
    """Welcome, or "already checked in at 09:12" with the first scan's time."""
    if not repeated:
        return CheckInResult(True, _("Welcome: arrival recorded."), registration)
    first = registration.checkins.filter(session=session).order_by("scanned_at").first()
    first_at = first.scanned_at if first else None
    if first_at is None:
        return CheckInResult(
            True, _("Already checked in: second scan."), registration, repeated=True
        )
    local = registration.conference.local(first_at)
    return CheckInResult(
        True,
        _("Already checked in at %(time)s: second scan.") % {"time": f"{local:%H:%M}"},
        registration,
        repeated=True,
        first_at=first_at,
    )
