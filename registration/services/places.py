"""The conference's in-person places: the waiting list and the offers made from it.

When a place frees up it is offered to the earliest person waiting, who has
`offer_hours` to accept it; an offer not accepted in time passes to the next.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Conference, Session
from registration.models import Registration, RegistrationSettings
from registration.selectors import free_places, waiting_sessions
from registration.services import RegistrationError
from registration.services.locking import (
    lock_conference,
    lock_sessions,
    require_conference_locked,
)
from registration.services.mail import email_kind_for, queue_email
from registration.services.rules import settings_for
from registration.services.seats import fill_seats, release, seat_or_wait


def expire_offers(conference: Conference) -> int:
    """Withdraw offers not accepted in time; needs the conference locked.

    The side-event seats those offers held go to the people waiting for them.
    """
    require_conference_locked(conference)
    expired = list(
        Registration.objects.filter(
            conference=conference,
            status=Registration.Status.OFFERED,
            offer_expires_at__lt=timezone.now(),
        )
    )
    if not expired:
        return 0
    seats = release(expired)
    lock_sessions(seats)
    count = Registration.objects.filter(
        pk__in=[registration.pk for registration in expired]
    ).update(status=Registration.Status.CANCELLED, updated_at=timezone.now())
    fill_seats(conference, seats)
    return count


def offer_free_places(conference: Conference) -> list[Registration]:
    """Offer each free place to the earliest person waiting; needs the lock held."""
    require_conference_locked(conference)
    expire_offers(conference)
    rules = settings_for(conference)
    free = free_places(conference, rules)
    waiting = Registration.objects.filter(
        conference=conference,
        attendance=Registration.Attendance.IN_PERSON,
        status=Registration.Status.WAITLISTED,
    ).order_by("created_at", "id")
    if free is not None:
        waiting = waiting[:free]
    offered = list(waiting)
    for registration in offered:
        make_offer(registration, rules)
    return offered


def make_offer(registration: Registration, rules: RegistrationSettings) -> None:
    """Offer the place to this person for `offer_hours`; needs the lock held."""
    require_conference_locked(registration.conference_id)
    registration.status = Registration.Status.OFFERED
    registration.offer_expires_at = timezone.now() + dt.timedelta(
        hours=rules.offer_hours
    )
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    # An offer holds a place, and so seats: a full side event it chose is queued for.
    seat_or_wait(registration, list(registration.sessions.all()))
    queue_email("offer", registration.pk)


@transaction.atomic
def expire_all_offers() -> int:
    """Withdraw late offers of every conference and pass the places on."""
    count = 0
    conference_ids = (
        Registration.objects.filter(
            status=Registration.Status.OFFERED, offer_expires_at__lt=timezone.now()
        )
        .values_list("conference_id", flat=True)
        .distinct()
    )
    for conference in Conference.objects.filter(pk__in=list(conference_ids)):
        lock_conference(conference)
        count += expire_offers(conference)
        offer_free_places(conference)
    return count


@transaction.atomic
def accept_offer(registration: Registration) -> list[Session]:
    """Take an offered place; full side events go on their waiting lists.

    Return the side events the person now waits for.
    """
    conference = lock_conference(registration.conference)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.OFFERED:
        raise RegistrationError(_("No place is on offer for this registration."))
    if registration.offer_expires_at and registration.offer_expires_at < timezone.now():
        expire_offers(conference)
        offer_free_places(conference)
        raise RegistrationError(_("The time to accept this offer has passed."))
    seat_or_wait(registration, list(registration.sessions.all()))
    rules = settings_for(conference)
    registration.status = (
        Registration.Status.PENDING
        if rules.requires_approval
        else Registration.Status.CONFIRMED
    )
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    queue_email(email_kind_for(registration), registration.pk)
    return waiting_sessions(registration)


@transaction.atomic
def move_from_waiting_list(registration: Registration) -> bool:
    """Offer a place to this person now, if one is free."""
    conference = lock_conference(registration.conference)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.WAITLISTED:
        return False
    rules = settings_for(conference)
    free = free_places(conference, rules)
    if free is not None and free <= 0:
        raise RegistrationError(_("No place is free."))
    make_offer(registration, rules)
    return True
