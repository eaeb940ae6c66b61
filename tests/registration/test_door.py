"""The door's JSON scans, its manifest and service worker (check-in on a phone)."""

import json
import uuid

import pytest
from django.urls import reverse

from registration.models import CheckIn
from tests.factories import SessionFactory
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def door(client, registration_manager):
    client.force_login(registration_manager)
    return client


def _scan(client, conference, **body):
    return client.post(
        reverse("registration:checkin_scan", kwargs={"conference": conference.slug}),
        json.dumps(body),
        content_type="application/json",
    )


def test_a_scan_checks_in_and_a_replay_is_stored_once(door):
    person = RegistrationFactory(
        checkin_code="ok1", given_name="Anna", family_name="Berger", organisation="IOM"
    )
    scan_id = str(uuid.uuid4())

    first = _scan(door, person.conference, code="ok1", scan_id=scan_id)
    replay = _scan(door, person.conference, code="ok1", scan_id=scan_id)

    assert first.status_code == 200
    assert first.json() == {
        "ok": True,
        "repeated": False,
        "message": "Welcome: arrival recorded.",
        "name": person.full_name,
        "organisation": "IOM",
        "delegation": person.delegation,
        "session": "",
        "first_at": "",
    }
    assert replay.json() == first.json()
    assert CheckIn.objects.count() == 1


def test_a_second_scan_of_the_person_says_when_they_came(door):
    person = RegistrationFactory(checkin_code="ok1")
    _scan(door, person.conference, code="ok1", scan_id=str(uuid.uuid4()))
    again = _scan(door, person.conference, code="ok1", scan_id=str(uuid.uuid4())).json()
    assert again["repeated"] is True
    assert (
        again["message"] == f"Already checked in at {again['first_at']}: second scan."
    )


def test_door_mode_refuses_someone_not_registered_for_the_side_event(door):
    person = RegistrationFactory(checkin_code="ok1")
    session = SessionFactory(conference=person.conference)
    other = RegistrationFactory(invitation__conference=person.conference)
    other.sessions.add(session)
    answer = _scan(door, person.conference, code="ok1", session=session.pk).json()
    assert (answer["ok"], answer["message"]) == (
        False,
        "Refused: not registered for this side event.",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "code"),
        ({"code": "x", "session": "999999"}, "session"),
        ({"code": "x", "scan_id": "not-a-uuid"}, "scan_id"),
    ],
)
def test_bad_scans_get_a_400_naming_the_field(door, body, field):
    person = RegistrationFactory()
    response = _scan(door, person.conference, **body)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_a_body_that_is_not_json_gets_a_400(door):
    person = RegistrationFactory()
    response = door.post(
        reverse(
            "registration:checkin_scan", kwargs={"conference": person.conference.slug}
        ),
        "{nope",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["body"]


def test_only_door_staff_may_scan(client):
    person = RegistrationFactory(checkin_code="ok1")
    response = _scan(client, person.conference, code="ok1")
    assert response.status_code == 302
    assert CheckIn.objects.count() == 0


def test_the_check_in_page_installs_as_an_app_scoped_to_itself(door):
    person = RegistrationFactory()
    kwargs = {"conference": person.conference.slug}
    page = reverse("registration:checkin", kwargs=kwargs)
    manifest = door.get(reverse("registration:checkin_manifest", kwargs=kwargs))
    worker = door.get(reverse("registration:checkin_worker", kwargs=kwargs))

    assert manifest["Content-Type"] == "application/manifest+json"
    assert (manifest.json()["start_url"], manifest.json()["scope"]) == (page, page)
    assert worker["Content-Type"] == "text/javascript; charset=utf-8"
    assert reverse("registration:checkin_worker", kwargs=kwargs).startswith(page)
    assert "/static/registration/vendor/jsQR.js" in worker.content.decode()
