"""Check-in: confirmed in-person places only, a second scan flagged."""

import datetime as dt
import uuid

import pytest
import time_machine

from registration.models import CheckIn, Invitation, Registration
from registration.services.checkin import check_in
from tests.factories import VIENNA, SessionFactory
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _scan(registration: Registration, code: str | None = None, **kwargs):
    return check_in(
        conference=registration.conference,
        code=registration.checkin_code if code is None else code,
        by="door",
        **kwargs,
    )


def test_the_first_scan_records_the_arrival_and_the_second_is_flagged():
    registration = RegistrationFactory()

    first = _scan(registration, f"  {registration.checkin_code} ")
    second = _scan(registration)

    assert (first.ok, first.repeated, first.message) == (
        True,
        False,
        "Welcome: arrival recorded.",
    )
    assert (second.ok, second.repeated) == (True, True)
    assert list(
        CheckIn.objects.order_by("pk").values_list("repeated", "scanned_by")
    ) == [
        (False, "door"),
        (True, "door"),
    ]
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ({"status": Registration.Status.CANCELLED}, "Refused: registration cancelled."),
        (
            {"status": Registration.Status.PENDING},
            "Refused: no confirmed in-person place (Waiting for approval).",
        ),
        (
            {"invitation__status": Invitation.Status.REVOKED},
            "Refused: invitation revoked.",
        ),
    ],
)
def test_a_registration_without_a_confirmed_place_is_refused(setup, message):
    registration = RegistrationFactory(**setup)

    result = _scan(registration)

    assert (result.ok, result.message, result.registration) == (
        False,
        message,
        registration,
    )
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize("code", ["", "   ", "no-such-code"])
def test_an_unknown_code_is_refused(code):
    result = _scan(RegistrationFactory(), code)

    assert (result.ok, result.message, result.registration) == (
        False,
        "Unknown code: no such registration.",
        None,
    )


def test_a_side_event_the_person_did_not_choose_is_refused():
    registration = RegistrationFactory()
    session = SessionFactory(conference=registration.conference)

    result = _scan(registration, session=session)

    assert (result.ok, result.message) == (
        False,
        "Refused: not registered for this side event.",
    )
    registration.sessions.add(session)
    assert _scan(registration, session=session).ok is True
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_a_second_scan_says_when_the_person_arrived():
    registration = RegistrationFactory()
    with time_machine.travel(
        dt.datetime(2026, 4, 20, 9, 12, tzinfo=VIENNA), tick=False
    ):
        _scan(registration)
    with time_machine.travel(
        dt.datetime(2026, 4, 20, 9, 40, tzinfo=VIENNA), tick=False
    ):
        second = _scan(registration)
    assert second.message == "Already checked in at 09:12: second scan."
    assert second.first_at == dt.datetime(2026, 4, 20, 9, 12, tzinfo=VIENNA)


def test_a_replayed_scan_is_answered_again_and_stored_once():
    registration = RegistrationFactory()
    scan_id = uuid.uuid4()

    first = _scan(registration, scan_id=scan_id)
    replayed = _scan(registration, scan_id=scan_id)

    assert (first.ok, first.repeated) == (True, False)
    assert (replayed.ok, replayed.repeated, replayed.message) == (
        True,
        False,
        "Welcome: arrival recorded.",
    )
    assert CheckIn.objects.count() == 1
