"""The conference lock is code, not prose: unlocked writes fail loudly."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from registration.models import Invitation, Registration, SideEventWait
from registration.services.invitations import cancel_all_of
from registration.services.locking import (
    ConferenceNotLocked,
    is_conference_locked,
    lock_conference,
    lock_conference_with_rules,
    require_conference_locked,
)
from registration.services.places import expire_offers, make_offer, offer_free_places
from registration.services.rules import settings_for
from registration.services.seats import fill_seats, seat_or_wait
from tests.factories import ConferenceFactory, RoomFactory, SessionFactory
from tests.registration.factories import (
    InvitationFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    SideEventWaitFactory,
)


class Rollback(Exception):
    """Raised to roll a savepoint back."""


def _lock_then_roll_back(conference, seen: list[bool]) -> None:
    """Lock inside a savepoint (or transaction), note the mark, roll it back."""
    with transaction.atomic():
        lock_conference(conference)
        seen.append(is_conference_locked(conference))
        raise Rollback


@pytest.mark.django_db(transaction=True)
def test_locking_outside_a_transaction_is_refused():
    conference = ConferenceFactory()

    with pytest.raises(ConferenceNotLocked, match=r"inside transaction\.atomic"):
        lock_conference(conference)
    with pytest.raises(ConferenceNotLocked, match=r"inside transaction\.atomic"):
        lock_conference_with_rules(conference)


@pytest.mark.django_db(transaction=True)
def test_the_lock_mark_ends_with_the_commit():
    conference = ConferenceFactory()

    with transaction.atomic():
        locked = lock_conference(conference)
        require_conference_locked(conference)
        assert locked == conference
        assert is_conference_locked(conference.pk) is True

    assert is_conference_locked(conference) is False
    with transaction.atomic():
        assert is_conference_locked(conference) is False
        with pytest.raises(ConferenceNotLocked, match=f"Conference {conference.pk} "):
            require_conference_locked(conference)


@pytest.mark.django_db(transaction=True)
def test_the_lock_mark_ends_with_a_rollback():
    conference = ConferenceFactory()

    seen = []
    with pytest.raises(Rollback):
        _lock_then_roll_back(conference, seen)

    assert seen == [True]
    with transaction.atomic():
        assert is_conference_locked(conference) is False


@pytest.mark.django_db
def test_a_rolled_back_savepoint_loses_the_lock_mark():
    conference = ConferenceFactory()

    seen = []
    with pytest.raises(Rollback):
        _lock_then_roll_back(conference, seen)

    assert seen == [True]
    assert is_conference_locked(conference) is False
    with pytest.raises(ConferenceNotLocked):
        require_conference_locked(conference)


@pytest.mark.django_db
def test_a_lock_taken_before_a_savepoint_survives_its_rollback():
    conference = ConferenceFactory()
    lock_conference(conference)

    with pytest.raises(Rollback), transaction.atomic():
        raise Rollback

    assert is_conference_locked(conference) is True


@pytest.mark.django_db
def test_the_lock_of_one_conference_does_not_cover_another():
    locked, other = ConferenceFactory(), ConferenceFactory()

    lock_conference(locked)

    assert is_conference_locked(locked) is True
    assert is_conference_locked(other) is False
    with pytest.raises(ConferenceNotLocked):
        require_conference_locked(other)


@pytest.mark.django_db
def test_lock_with_rules_reads_the_settings_and_marks_the_lock():
    rules = RegistrationSettingsFactory(in_person_capacity=7)

    locked, read = lock_conference_with_rules(rules.conference)

    assert (locked, read.pk, read.in_person_capacity) == (
        rules.conference,
        rules.pk,
        7,
    )
    assert is_conference_locked(rules.conference) is True


def _offered(conference, **kwargs) -> Registration:
    return RegistrationFactory(
        invitation__conference=conference, status=Registration.Status.OFFERED, **kwargs
    )


# Each function that relies on its caller's lock, called with its arguments.
NEEDS_LOCK = {
    "seat_or_wait": lambda conference, registration, session: seat_or_wait(
        registration, [session]
    ),
    "fill_seats": lambda conference, registration, session: fill_seats(
        conference, [session.pk]
    ),
    "expire_offers": lambda conference, registration, session: expire_offers(
        conference
    ),
    "offer_free_places": lambda conference, registration, session: offer_free_places(
        conference
    ),
    "make_offer": lambda conference, registration, session: make_offer(
        registration, settings_for(conference)
    ),
    "cancel_all_of": lambda conference, registration, session: cancel_all_of(
        registration.invitation
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", NEEDS_LOCK)
def test_a_write_that_needs_the_lock_refuses_to_run_without_it(name):
    conference = ConferenceFactory()
    session = SessionFactory(conference=conference)
    registration = RegistrationFactory(invitation__conference=conference)

    with pytest.raises(ConferenceNotLocked, match=f"Conference {conference.pk} "):
        NEEDS_LOCK[name](conference, registration, session)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert list(registration.sessions.all()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", NEEDS_LOCK)
def test_a_write_that_needs_the_lock_refuses_another_conferences_lock(name):
    conference = ConferenceFactory()
    session = SessionFactory(conference=conference)
    registration = RegistrationFactory(invitation__conference=conference)
    lock_conference(ConferenceFactory())

    with pytest.raises(ConferenceNotLocked):
        NEEDS_LOCK[name](conference, registration, session)


@pytest.mark.django_db
def test_locked_seat_or_wait_seats_and_queues():
    conference = ConferenceFactory()
    free = SessionFactory(conference=conference, room=RoomFactory(capacity=5))
    full = SessionFactory(conference=conference, room=RoomFactory(capacity=1))
    RegistrationFactory(invitation__conference=conference).sessions.add(full)
    registration = RegistrationFactory(invitation__conference=conference)
    lock_conference(conference)

    waiting = seat_or_wait(registration, [free, full])

    assert waiting == [full]
    assert list(registration.sessions.all()) == [free]
    assert list(SideEventWait.objects.values_list("registration", "session")) == [
        (registration.pk, full.pk)
    ]


@pytest.mark.django_db
def test_locked_fill_seats_gives_the_seat_to_the_earliest_waiting():
    conference = ConferenceFactory()
    session = SessionFactory(conference=conference, room=RoomFactory(capacity=1))
    entry = SideEventWaitFactory(session=session)
    lock_conference(conference)

    promoted = fill_seats(conference, [session.pk])

    assert [promotion.registration for promotion in promoted] == [entry.registration]
    assert list(entry.registration.sessions.all()) == [session]
    assert SideEventWait.objects.count() == 0


@pytest.mark.django_db
def test_locked_expire_offers_cancels_the_late_ones():
    conference = ConferenceFactory()
    late = _offered(conference, offer_expires_at=timezone.now() - dt.timedelta(hours=1))
    in_time = _offered(
        conference, offer_expires_at=timezone.now() + dt.timedelta(hours=1)
    )
    lock_conference(conference)

    assert expire_offers(conference) == 1

    late.refresh_from_db()
    in_time.refresh_from_db()
    assert (late.status, in_time.status) == (
        Registration.Status.CANCELLED,
        Registration.Status.OFFERED,
    )


@pytest.mark.django_db
def test_locked_offer_free_places_offers_to_the_earliest_waiting():
    RegistrationSettingsFactory(in_person_capacity=1, offer_hours=24)
    conference = RegistrationSettingsFactory._meta.model.objects.get().conference
    first = RegistrationFactory(
        invitation__conference=conference, status=Registration.Status.WAITLISTED
    )
    second = RegistrationFactory(
        invitation__conference=conference, status=Registration.Status.WAITLISTED
    )
    lock_conference(conference)

    assert offer_free_places(conference) == [first]

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (
        Registration.Status.OFFERED,
        Registration.Status.WAITLISTED,
    )


@pytest.mark.django_db
def test_locked_make_offer_sets_the_offer():
    rules = RegistrationSettingsFactory(offer_hours=24)
    registration = RegistrationFactory(
        invitation__conference=rules.conference, status=Registration.Status.WAITLISTED
    )
    lock_conference(rules.conference)

    make_offer(registration, rules)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.OFFERED
    remaining = registration.offer_expires_at - timezone.now()
    assert dt.timedelta(hours=23, minutes=59) < remaining <= dt.timedelta(hours=24)


@pytest.mark.django_db
def test_locked_cancel_all_of_cancels_every_registration_of_the_invitation():
    invitation = InvitationFactory(seats=2)
    registrations = RegistrationFactory.create_batch(2, invitation=invitation)
    lock_conference(invitation.conference)

    cancel_all_of(Invitation.objects.get(pk=invitation.pk))

    assert [
        Registration.objects.get(pk=registration.pk).status
        for registration in registrations
    ] == [Registration.Status.CANCELLED, Registration.Status.CANCELLED]
