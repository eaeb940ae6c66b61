import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from events.models import Deletion, Session
from speakers.services import (
    delete_participations,
    delete_people,
    overlapping_bookings,
    save_participation,
    save_person,
)
from tests import factories
from tests.html_forms import submitted_form

pytestmark = pytest.mark.django_db


def test_person_in_two_overlapping_sessions_is_reported():
    first = factories.SessionFactory(title="Launch of the Study")
    second = factories.SessionFactory(
        conference=first.conference, start=first.start + dt.timedelta(minutes=15)
    )
    person = factories.PersonFactory(given_name="Kari", family_name="Johnstone")
    factories.ParticipationFactory(session=first, person=person, role="moderator")
    factories.ParticipationFactory(session=first, person=person, role="closing_remarks")
    factories.ParticipationFactory(session=second, person=person)

    assert overlapping_bookings(second) == [(person, first)]


def test_person_in_consecutive_sessions_is_not_reported():
    first = factories.SessionFactory()
    second = factories.SessionFactory(conference=first.conference, start=first.end)
    person = factories.PersonFactory()
    factories.ParticipationFactory(session=first, person=person)
    factories.ParticipationFactory(session=second, person=person)

    assert overlapping_bookings(second) == []


def test_admin_warns_when_a_person_is_booked_twice_at_once(admin_client):
    first = factories.SessionFactory(title="Launch of the Study")
    second = factories.SessionFactory(
        conference=first.conference, start=first.start + dt.timedelta(minutes=30)
    )
    person = factories.PersonFactory(
        honorific="Dr.", given_name="Kari", family_name="Johnstone"
    )
    factories.ParticipationFactory(session=first, person=person)
    factories.ParticipationFactory(session=second, person=person)
    url = reverse("admin:events_session_change", args=[second.pk])

    response = admin_client.post(url, submitted_form(admin_client.get(url)))

    assert response.status_code == 302
    assert (
        "Dr. Kari Johnstone is also booked in “Launch of the Study” at the same time."
        in [str(m) for m in get_messages(response.wsgi_request)]
    )


# --- Writes of people and their roles -------------------------------------------------


LONG_AGO = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def test_a_participation_moved_by_the_service_changes_both_sessions():
    from_session = factories.SessionFactory()
    to_session = factories.SessionFactory(conference=from_session.conference)
    participation = factories.ParticipationFactory(session=from_session)
    Session.objects.update(updated_at=LONG_AGO)

    participation.session = to_session
    save_participation(participation, previous_session_id=from_session.pk)

    assert sorted(
        Session.objects.filter(updated_at__gt=LONG_AGO).values_list("pk", flat=True)
    ) == sorted([from_session.pk, to_session.pk])


def test_deleting_people_leaves_tombstones_for_them_and_their_roles():
    participation = factories.ParticipationFactory()
    person = participation.person
    expected = sorted([("participation", participation.pk), ("person", person.pk)])

    assert delete_people([person]) == 2

    assert sorted(Deletion.objects.values_list("resource", "object_id")) == expected


def test_deleting_a_participation_touches_its_session_only():
    participation = factories.ParticipationFactory()
    other = factories.SessionFactory()
    Session.objects.update(updated_at=LONG_AGO)
    expected = [("participation", participation.pk)]

    delete_participations([participation])

    assert list(Deletion.objects.values_list("resource", "object_id")) == expected
    assert list(
        Session.objects.filter(updated_at__gt=LONG_AGO).values_list("pk", flat=True)
    ) == [participation.session_id]
    assert Session.objects.filter(pk=other.pk, updated_at=LONG_AGO).exists()


def test_saving_a_person_leaves_their_sessions_alone():
    participation = factories.ParticipationFactory()
    Session.objects.update(updated_at=LONG_AGO)
    person = participation.person
    person.bio = "Special Representative"

    save_person(person)

    person.refresh_from_db()
    assert person.bio == "Special Representative"
    assert Session.objects.get().updated_at == LONG_AGO
