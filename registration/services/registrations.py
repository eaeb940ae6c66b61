"""Registrations: register through an invitation, change, cancel, approve, delete."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import reversion
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Session
from registration.models import Invitation, Registration, SideEventWait
from registration.selectors import changes_closed, free_places, invitation_problem
from registration.services import RegistrationError
from registration.services.locking import (
    lock_conference,
    lock_conference_with_rules,
    lock_sessions,
)
from registration.services.mail import email_kind_for, queue_email
from registration.services.places import offer_free_places
from registration.services.rules import settings_for
from registration.services.seats import (
    fill_seats,
    release,
    require_one_seat_per_slot,
    seat_or_wait,
)

logger = logging.getLogger(__name__)


@dataclass
class RegistrationData:
    """What the person filled in on the registration form."""

    given_name: str
    family_name: str
    email: str
    consent: bool
    honorific: str = ""
    position: str = ""
    organisation: str = ""
    delegation: str = ""
    language: str = "en"
    attendance: str = Registration.Attendance.IN_PERSON
    sessions: list[Session] = field(default_factory=list)
    interpretation: str = ""
    accessibility_needs: str = ""
    dietary_needs: str = ""


PERSONAL_FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "position",
    "organisation",
    "delegation",
    "email",
    "language",
    "attendance",
    "interpretation",
    "accessibility_needs",
    "dietary_needs",
)


def register(
    *, invitation: Invitation, data: RegistrationData, submission_key: str
) -> Registration:
    """Register one person through an invitation; a repeated submission is a no-op.

    Every registration of a conference queues for the conference lock, so only the
    capacity decision and its writes run under it. The invitee's audit copy is
    written just after the commit; staff and commands already have a revision open,
    which the registration joins.
    """
    if not data.consent:
        raise RegistrationError(
            _("Consent to the processing of personal data is required."),
            field="consent",
        )
    require_one_seat_per_slot(data.sessions)
    with transaction.atomic():
        registration, created = _register_locked(invitation, data, submission_key)
    if created and not reversion.is_active():
        _record_revision(registration, "Registered through the invitation link")
    return registration


def _register_locked(
    invitation: Invitation, data: RegistrationData, submission_key: str
) -> tuple[Registration, bool]:
    conference, rules = lock_conference_with_rules(invitation.conference)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    earlier = list(invitation.registrations.all())
    for existing in earlier:
        # Stored as a UUID, given as the form's string: compare them as text.
        if str(existing.submission_key) == str(submission_key):
            return existing, False
    problem = invitation_problem(invitation)
    if problem:
        raise RegistrationError(problem)
    if changes_closed(rules):
        raise RegistrationError(_("Registration has closed."))
    active = [r for r in earlier if r.status != Registration.Status.CANCELLED]
    if len(active) >= invitation.seats:
        raise RegistrationError(
            _("All places of this invitation are already registered.")
        )
    registration = Registration(
        conference=conference,
        invitation=invitation,
        submission_key=submission_key,
        consent_at=timezone.now(),
        **{name: getattr(data, name) for name in PERSONAL_FIELDS},
    )
    sessions = data.sessions if registration.is_in_person else []
    if registration.is_in_person:
        free = free_places(conference, rules)
        if free is not None and free <= 0:
            registration.status = Registration.Status.WAITLISTED
        else:
            registration.status = (
                Registration.Status.PENDING
                if rules.requires_approval
                else Registration.Status.CONFIRMED
            )
    else:
        registration.status = Registration.Status.CONFIRMED
    registration.save()
    if registration.status in Registration.PLACE_HOLDING and registration.is_in_person:
        # Full side events put the person on their waiting lists, not off the form.
        seat_or_wait(registration, sessions)
    elif sessions:
        registration.sessions.add(*sessions)
    invitation.status = Invitation.Status.REGISTERED
    invitation.save(update_fields=["status", "updated_at"])
    queue_email(email_kind_for(registration), registration.pk)
    return registration, True


def _record_revision(registration: Registration, comment: str) -> None:
    """Keep the audit copy of a registration; if that fails, the registration stays."""
    try:
        with reversion.create_revision():
            reversion.set_comment(comment)
            reversion.add_to_revision(registration)
    except DatabaseError:
        logger.exception("Audit copy of registration %s not written", registration.pk)


@transaction.atomic
def change_registration(registration: Registration, data: RegistrationData) -> None:
    """Apply an invitee's changes, keeping places and rooms within capacity.

    A newly chosen full side event puts the person on its waiting list; a side
    event given up frees its seat (or queue entry) for the next person waiting.
    """
    rules = settings_for(registration.conference)
    if changes_closed(rules):
        raise RegistrationError(_("The deadline for changes has passed."))
    require_one_seat_per_slot(data.sessions)
    conference = lock_conference(registration.conference)
    lock_sessions(
        [
            *registration.sessions.values_list("pk", flat=True),
            *registration.side_event_waits.values_list("session_id", flat=True),
            *(session.pk for session in data.sessions),
        ]
    )
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise RegistrationError(_("This registration has been cancelled."))
    held_place = (
        registration.is_in_person and registration.status in Registration.PLACE_HOLDING
    )
    for name in PERSONAL_FIELDS:
        setattr(registration, name, getattr(data, name))
    sessions = data.sessions if registration.is_in_person else []
    joins_now = registration.is_in_person and not held_place
    if joins_now and registration.status != Registration.Status.WAITLISTED:
        free = free_places(conference, rules)
        if free is not None and free <= 0:
            registration.status = Registration.Status.WAITLISTED
        elif rules.requires_approval:
            registration.status = Registration.Status.PENDING
    holds_place_now = (
        registration.is_in_person and registration.status in Registration.PLACE_HOLDING
    )
    if not registration.is_in_person:
        registration.status = Registration.Status.CONFIRMED
    registration.save()
    old = set(registration.sessions.values_list("pk", flat=True))
    chosen = {session.pk for session in sessions}
    waits = registration.side_event_waits.all()
    if holds_place_now:
        waits.exclude(session__in=chosen).delete()
        waiting = set(waits.values_list("session_id", flat=True))
        registration.sessions.remove(*(old - chosen))
        seat_or_wait(
            registration,
            [s for s in sessions if s.pk not in old and s.pk not in waiting],
        )
        freed = old - chosen if held_place else set()
    else:
        waits.delete()
        registration.sessions.set(sessions)
        freed = old if held_place else set()
    queue_email("changed", registration.pk)
    fill_seats(conference, freed)
    if held_place and not holds_place_now:
        offer_free_places(conference)


@transaction.atomic
def cancel_registration(registration: Registration, *, by_staff: bool = False) -> None:
    """Cancel, free the place and offer it to the next person on the waiting list.

    The side-event seats it held go to the earliest people on those waiting lists.
    """
    rules = settings_for(registration.conference)
    if changes_closed(rules) and not by_staff:
        raise RegistrationError(_("The deadline for changes has passed."))
    conference = lock_conference(registration.conference)
    lock_sessions(registration.sessions.values_list("pk", flat=True))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return
    held_place = (
        registration.is_in_person and registration.status in Registration.PLACE_HOLDING
    )
    seats = release([registration]) if held_place else set()
    SideEventWait.objects.filter(registration=registration).delete()
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    queue_email("cancelled", registration.pk)
    if held_place:
        fill_seats(conference, seats)
        offer_free_places(conference)


@transaction.atomic
def approve_registration(registration: Registration) -> bool:
    """Confirm a registration waiting for approval; False if it no longer waits."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.PENDING:
        return False
    registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    queue_email("confirmation", registration.pk)
    return True


@transaction.atomic
def delete_registrations(registrations: Iterable[Registration]) -> int:
    """Delete registrations (staff in the admin), passing places and seats on.

    Without this a deleted registration's seat would stay empty while people wait.
    """
    count = 0
    for registration in registrations:
        conference = lock_conference(registration.conference)
        lock_sessions(registration.sessions.values_list("pk", flat=True))
        locked = (
            Registration.objects.select_for_update().filter(pk=registration.pk).first()
        )
        if locked is None:
            continue
        held_place = locked.is_in_person and locked.status in Registration.PLACE_HOLDING
        seats = release([locked]) if held_place else set()
        locked.delete()
        count += 1
        if held_place:
            fill_seats(conference, seats)
            offer_free_places(conference)
    return count
