"""Registrations: capacity decides the status; leaving passes the place on."""

import uuid

import pytest
from django_tasks_db.models import DBTaskResult

from outbox.models import Email
from registration.models import Invitation, Registration
from registration.services import RegistrationError
from registration.services.registrations import (
    PERSONAL_FIELDS,
    RegistrationData,
    approve_registration,
    cancel_registration,
    change_registration,
    delete_registrations,
    register,
)
from tests.factories import RoomFactory, SessionFactory
from tests.registration.factories import (
    InvitationFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
)

pytestmark = pytest.mark.django_db


def _data(**overrides) -> RegistrationData:
    values = {
        "given_name": "Anna",
        "family_name": "Berger",
        "email": "anna@example.org",
        "consent": True,
    }
    return RegistrationData(**{**values, **overrides})


def _register(invitation: Invitation, **overrides) -> Registration:
    return register(
        invitation=invitation, data=_data(**overrides), submission_key=str(uuid.uuid4())
    )


def _status(registration: Registration) -> str:
    registration.refresh_from_db()
    return registration.status


def test_the_personal_fields_are_the_forms_fields_kept_on_the_registration():
    assert set(PERSONAL_FIELDS) <= {
        field.name for field in Registration._meta.get_fields()
    }
    assert set(PERSONAL_FIELDS) <= set(RegistrationData.__dataclass_fields__)


def test_registering_confirms_until_the_places_are_taken_then_waitlists():
    rules = RegistrationSettingsFactory(in_person_capacity=1)
    first = InvitationFactory(conference=rules.conference)
    second = InvitationFactory(conference=rules.conference)

    confirmed = _register(first)
    waiting = _register(second)
    online = _register(
        InvitationFactory(conference=rules.conference), attendance="online"
    )

    assert [confirmed.status, waiting.status, online.status] == [
        Registration.Status.CONFIRMED,
        Registration.Status.WAITLISTED,
        Registration.Status.CONFIRMED,
    ]
    first.refresh_from_db()
    assert first.status == Invitation.Status.REGISTERED
    assert list(Email.objects.order_by("id").values_list("kind", flat=True)) == [
        "confirmation",
        "waitlisted",
        "confirmation",
    ]


@pytest.mark.parametrize("seats", [1, 2])
def test_the_same_submission_twice_registers_once(seats):
    """The key comes as a string from the form and is stored as a UUID."""
    invitation = InvitationFactory(seats=seats)
    key = str(uuid.uuid4())

    first = register(invitation=invitation, data=_data(), submission_key=key)
    again = register(invitation=invitation, data=_data(), submission_key=key)

    assert first == again
    assert Registration.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_registering_needs_consent():
    with pytest.raises(RegistrationError) as error:
        _register(InvitationFactory(), consent=False)

    assert error.value.field == "consent"
    assert Registration.objects.count() == 0


def test_an_online_attendee_keeps_no_side_event_seat():
    session = SessionFactory(room=RoomFactory(capacity=1))
    registration = RegistrationFactory(invitation__conference=session.conference)
    registration.sessions.add(session)

    change_registration(registration, _data(attendance="online", sessions=[session]))

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert list(registration.sessions.all()) == []


def test_cancelling_offers_the_place_to_the_earliest_waiting():
    rules = RegistrationSettingsFactory(in_person_capacity=1)
    holder = RegistrationFactory(invitation__conference=rules.conference)
    first, second = (
        RegistrationFactory(
            invitation__conference=rules.conference,
            status=Registration.Status.WAITLISTED,
        )
        for _ in range(2)
    )

    cancel_registration(holder)

    assert [_status(holder), _status(first), _status(second)] == [
        Registration.Status.CANCELLED,
        Registration.Status.OFFERED,
        Registration.Status.WAITLISTED,
    ]


def test_only_a_registration_waiting_for_approval_is_approved():
    pending = RegistrationFactory(status=Registration.Status.PENDING)

    assert approve_registration(pending) is True
    assert approve_registration(pending) is False
    assert _status(pending) == Registration.Status.CONFIRMED


def test_deleting_a_registration_passes_its_place_on():
    rules = RegistrationSettingsFactory(in_person_capacity=1)
    holder = RegistrationFactory(invitation__conference=rules.conference)
    waiting = RegistrationFactory(
        invitation__conference=rules.conference, status=Registration.Status.WAITLISTED
    )

    assert delete_registrations([holder]) == 1

    assert list(Registration.objects.all()) == [waiting]
    assert _status(waiting) == Registration.Status.OFFERED
