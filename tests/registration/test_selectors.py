"""Reads of registration: links, capacity, seats, waiting lists, the door."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import Session
from registration.models import Invitation, Registration
from registration.selectors import (
    capacity_of,
    changes_closed,
    checkin_sessions,
    find_invitation,
    find_people,
    free_places,
    invitation_problem,
    registrable_sessions,
    registrations_of,
    seats_taken,
    side_event_seats_taken,
    waiting_message,
    waiting_sessions,
)
from tests.factories import ConferenceFactory, SessionFactory
from tests.registration.factories import (
    InvitationFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    SideEventWaitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("token", ["", "x" * 101, "no-such-token"])
def test_an_unknown_or_absurd_token_finds_nothing(token):
    InvitationFactory()

    assert find_invitation(token) is None


def test_a_token_finds_its_invitation_with_the_conference_in_one_query(
    django_assert_num_queries,
):
    invitation = InvitationFactory()

    with django_assert_num_queries(1):
        found = find_invitation(invitation.token)
        assert found.conference == invitation.conference


@pytest.mark.parametrize(
    ("status", "problem"),
    [
        (Invitation.Status.REVOKED, "This invitation has been withdrawn."),
        (Invitation.Status.DECLINED, "This invitation has been declined."),
        (Invitation.Status.SENT, None),
        (Invitation.Status.REGISTERED, None),
    ],
)
def test_the_problem_of_a_link_is_said_plainly(status, problem):
    assert invitation_problem(InvitationFactory(status=status)) == problem


def test_an_expired_or_missing_link_has_its_own_message():
    expired = InvitationFactory(expires_at=timezone.now() - dt.timedelta(minutes=1))

    assert invitation_problem(expired) == "This invitation has expired."
    assert invitation_problem(None) == (
        "This link is not valid. Check that you copied all of it."
    )


def test_the_registration_setting_overrides_the_conference_capacity():
    rules = RegistrationSettingsFactory(conference__in_person_capacity=100)

    assert capacity_of(rules.conference, rules) == 100
    rules.in_person_capacity = 10
    assert capacity_of(rules.conference, rules) == 10


def test_changes_close_after_the_deadline_only():
    rules = RegistrationSettingsFactory()

    assert changes_closed(rules) is False
    rules.deadline = timezone.now() + dt.timedelta(hours=1)
    assert changes_closed(rules) is False
    rules.deadline = timezone.now() - dt.timedelta(seconds=1)
    assert changes_closed(rules) is True


def test_free_places_count_the_place_holders_only():
    rules = RegistrationSettingsFactory(in_person_capacity=3)
    for status in [
        Registration.Status.CONFIRMED,
        Registration.Status.OFFERED,
        Registration.Status.WAITLISTED,
        Registration.Status.CANCELLED,
    ]:
        RegistrationFactory(invitation__conference=rules.conference, status=status)
    RegistrationFactory(invitation__conference=rules.conference, attendance="online")

    assert seats_taken(rules.conference) == 2
    assert free_places(rules.conference, rules) == 1
    rules.in_person_capacity = 1
    assert free_places(rules.conference, rules) == 0
    rules.in_person_capacity = None
    assert free_places(rules.conference, rules) is None


def test_side_event_seats_taken_count_place_holders_per_session():
    conference = ConferenceFactory()
    session, other = SessionFactory.create_batch(2, conference=conference)
    holder = RegistrationFactory(invitation__conference=conference)
    holder.sessions.add(session)
    RegistrationFactory(
        invitation__conference=conference, status=Registration.Status.WAITLISTED
    ).sessions.add(session)

    assert side_event_seats_taken([session.pk, other.pk]) == {
        session.pk: 1,
        other.pk: 0,
    }
    assert side_event_seats_taken([session.pk], exclude=holder) == {session.pk: 0}


def test_registrable_sessions_are_published_side_events_with_a_room():
    conference = ConferenceFactory()
    side_event = SessionFactory(conference=conference, is_published=True)
    SessionFactory(conference=conference, is_published=False)
    SessionFactory(
        conference=conference,
        attendance_mode=Session.AttendanceMode.ONLINE,
        is_published=True,
    )
    SessionFactory(conference=conference, kind=Session.Kind.PLENARY, is_published=True)

    assert list(registrable_sessions(conference)) == [side_event]


def test_the_waiting_message_names_the_full_side_events_in_order():
    registration = RegistrationFactory()
    conference = registration.conference
    later = SessionFactory(
        conference=conference,
        title="Later",
        start=dt.datetime(2026, 4, 21, 9, tzinfo=dt.UTC),
    )
    earlier = SessionFactory(
        conference=conference,
        title="Earlier",
        start=dt.datetime(2026, 4, 20, 9, tzinfo=dt.UTC),
    )
    assert waiting_message(registration) == ""
    for session in (later, earlier):
        SideEventWaitFactory(registration=registration, session=session)

    assert waiting_sessions(registration) == [earlier, later]
    assert waiting_message(registration) == (
        "These side events are full: you are on their waiting lists: Earlier; "
        "Later. If a seat becomes free, it is yours and we will write to you."
    )


def test_an_invitees_registrations_leave_out_the_cancelled():
    invitation = InvitationFactory(seats=2)
    kept = RegistrationFactory(invitation=invitation)
    RegistrationFactory(invitation=invitation, status=Registration.Status.CANCELLED)

    assert list(registrations_of(invitation)) == [kept]


def test_the_door_finds_people_by_name_from_two_letters():
    person = RegistrationFactory(family_name="Berger", organisation="UNODC")
    RegistrationFactory(invitation__conference=person.conference, attendance="online")

    assert list(find_people(person.conference, "b")) == []
    assert list(find_people(person.conference, " berg ")) == [person]
    assert list(find_people(person.conference, "unodc")) == [person]


def test_the_door_lists_only_sessions_someone_registered_for():
    registration = RegistrationFactory()
    chosen = SessionFactory(conference=registration.conference)
    SessionFactory(conference=registration.conference)
    registration.sessions.add(chosen)

    assert checkin_sessions(registration.conference) == [chosen]
