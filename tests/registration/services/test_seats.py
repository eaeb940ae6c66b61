"""Side-event seats: full rooms queue people, freed seats go to the earliest."""

import pytest

from registration.models import Registration, SideEventWait
from registration.services.locking import lock_conference
from registration.services.seats import fill_side_event_seats, full_sessions, release
from tests.factories import ConferenceFactory, RoomFactory, SessionFactory
from tests.registration.factories import RegistrationFactory, SideEventWaitFactory

pytestmark = pytest.mark.django_db


def test_a_session_is_full_when_its_room_is_taken():
    conference = ConferenceFactory()
    full = SessionFactory(conference=conference, room=RoomFactory(capacity=1))
    roomy = SessionFactory(conference=conference, room=RoomFactory(capacity=2))
    no_room = SessionFactory(conference=conference, room=None)
    holder = RegistrationFactory(invitation__conference=conference)
    holder.sessions.add(full, roomy, no_room)
    lock_conference(conference)

    assert full_sessions([full, roomy, no_room]) == [full]
    assert full_sessions([full], exclude=holder) == []


def test_a_waiting_or_cancelled_registration_takes_no_seat():
    conference = ConferenceFactory()
    session = SessionFactory(conference=conference, room=RoomFactory(capacity=1))
    RegistrationFactory(
        invitation__conference=conference, status=Registration.Status.WAITLISTED
    ).sessions.add(session)
    RegistrationFactory(
        invitation__conference=conference, status=Registration.Status.CANCELLED
    ).sessions.add(session)
    lock_conference(conference)

    assert full_sessions([session]) == []


def test_release_forgets_queue_entries_and_names_the_seats_held():
    entry = SideEventWaitFactory()
    seat = SessionFactory(conference=entry.session.conference)
    entry.registration.sessions.add(seat)

    assert release([entry.registration]) == {seat.pk}
    assert SideEventWait.objects.count() == 0
    assert release([]) == set()


def test_a_grown_room_takes_the_earliest_people_waiting():
    session = SessionFactory(room=RoomFactory(capacity=0))
    first, second, third = (SideEventWaitFactory(session=session) for _ in range(3))
    session.room.capacity = 2
    session.room.save()

    promoted = fill_side_event_seats(session.conference)

    assert [entry.registration for entry in promoted] == [
        first.registration,
        second.registration,
    ]
    assert list(SideEventWait.objects.values_list("registration", flat=True)) == [
        third.registration.pk
    ]
    assert list(session.registrations.order_by("pk")) == [
        first.registration,
        second.registration,
    ]


def test_filling_one_conference_leaves_the_others_waiting():
    here = SideEventWaitFactory(session__room=RoomFactory(capacity=5))
    elsewhere = SideEventWaitFactory(session__room=RoomFactory(capacity=5))

    promoted = fill_side_event_seats(here.session.conference)

    assert [entry.registration for entry in promoted] == [here.registration]
    assert list(SideEventWait.objects.all()) == [elsewhere]
