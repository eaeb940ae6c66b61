"""Side-event seats: full rooms queue people, freed seats go to the earliest."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from registration.models import Registration, SideEventWait
from registration.services import RegistrationError
from registration.services.locking import lock_conference
from registration.services.registrations import (
    RegistrationData,
    change_registration,
    register,
)
from registration.services.seats import (
    fill_side_event_seats,
    full_sessions,
    overlapping_pair,
    release,
    require_one_seat_per_slot,
)
from tests.factories import ConferenceFactory, RoomFactory, SessionFactory
from tests.html_forms import submitted_form
from tests.registration.factories import (
    InvitationFactory,
    RegistrationFactory,
    SideEventWaitFactory,
)

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


# One person, one seat per time slot


def _two_at_once(conference=None):
    conference = conference or ConferenceFactory()
    first = SessionFactory(conference=conference, title="Cyber-scam compounds")
    second = SessionFactory(
        conference=conference,
        title="Forced criminality",
        start=first.start + dt.timedelta(minutes=30),
    )
    return first, second


def test_two_side_events_at_the_same_time_are_refused_naming_both():
    first, second = _two_at_once()
    with pytest.raises(RegistrationError) as refused:
        require_one_seat_per_slot([second, first])
    assert refused.value.message == (
        "“Cyber-scam compounds” and “Forced criminality” take place at the same "
        "time: choose one of them."
    )
    assert refused.value.field == "sessions"


def test_a_side_event_starting_when_the_other_ends_is_allowed():
    first = SessionFactory()
    after = SessionFactory(conference=first.conference, start=first.end)
    assert overlapping_pair([first, after]) is None
    require_one_seat_per_slot([first, after])


def test_register_refuses_overlapping_side_events_and_stores_nothing():
    first, second = _two_at_once()
    invitation = InvitationFactory(conference=first.conference)
    data = RegistrationData(
        given_name="Anna",
        family_name="Berger",
        email=invitation.email,
        consent=True,
        sessions=[first, second],
    )
    with pytest.raises(RegistrationError):
        register(invitation=invitation, data=data, submission_key=str(uuid.uuid4()))
    assert Registration.objects.count() == 0


def test_change_refuses_overlapping_side_events_and_keeps_the_old_choice():
    first, second = _two_at_once()
    registration = RegistrationFactory(invitation__conference=first.conference)
    registration.sessions.add(first)
    data = RegistrationData(
        given_name="Anna",
        family_name="Berger",
        email=registration.email,
        consent=True,
        sessions=[first, second],
    )
    with pytest.raises(RegistrationError):
        change_registration(registration, data)
    assert list(registration.sessions.all()) == [first]


def test_the_admin_refuses_overlapping_side_events(admin_client):
    first, second = _two_at_once()
    registration = RegistrationFactory(invitation__conference=first.conference)
    url = reverse("admin:registration_registration_change", args=[registration.pk])
    data = submitted_form(admin_client.get(url), "registration_form")
    data["sessions"] = [str(first.pk), str(second.pk)]

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert (
        "“Cyber-scam compounds” and “Forced criminality” take place at the same time"
        in response.content.decode()
    )
    assert list(registration.sessions.all()) == []
