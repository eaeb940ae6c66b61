"""Check-in at the door: one scan per arrival, a second scan flagged."""

from dataclasses import dataclass

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


@transaction.atomic
def check_in(
    *,
    conference: Conference,
    code: str,
    session: Session | None = None,
    by: str = "",
) -> CheckInResult:
    """Record an arrival; refuse unknown or cancelled codes and flag a second scan."""
    code = code.strip()
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
        registration=registration, session=session, scanned_by=by, repeated=repeated
    )
    if session is None and registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at", "updated_at"])
    if repeated:
        return CheckInResult(
            True, _("Already checked in: second scan."), registration, repeated=True
        )
    return CheckInResult(True, _("Welcome: arrival recorded."), registration)
