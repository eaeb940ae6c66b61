import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from speakers.services import overlapping_bookings
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
