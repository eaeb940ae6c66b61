"""Conference places: offers from the waiting list, accepted or expired."""

import datetime as dt

import pytest
from django.utils import timezone

from registration.models import Registration
from registration.services import RegistrationError
from registration.services.places import (
    accept_offer,
    expire_all_offers,
    move_from_waiting_list,
)
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationSettingsFactory,
)

pytestmark = pytest.mark.django_db


def _registration(rules, status, **kwargs) -> Registration:
    return RegistrationFactory(
        invitation__conference=rules.conference, status=status, **kwargs
    )


def _status(registration: Registration) -> str:
    registration.refresh_from_db()
    return registration.status


def test_an_accepted_offer_is_a_confirmed_place():
    rules = RegistrationSettingsFactory()
    offered = _registration(
        rules,
        Registration.Status.OFFERED,
        offer_expires_at=timezone.now() + dt.timedelta(hours=1),
    )

    assert accept_offer(offered) == []

    offered.refresh_from_db()
    assert (offered.status, offered.offer_expires_at) == (
        Registration.Status.CONFIRMED,
        None,
    )


def test_an_accepted_offer_waits_for_approval_when_the_conference_asks_for_it():
    rules = RegistrationSettingsFactory(requires_approval=True)
    offered = _registration(rules, Registration.Status.OFFERED)

    accept_offer(offered)

    assert _status(offered) == Registration.Status.PENDING


def test_a_late_offer_cannot_be_accepted():
    rules = RegistrationSettingsFactory()
    offered = _registration(
        rules,
        Registration.Status.OFFERED,
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1),
    )

    with pytest.raises(RegistrationError, match="The time to accept"):
        accept_offer(offered)


def test_only_an_offer_can_be_accepted():
    rules = RegistrationSettingsFactory()
    waiting = _registration(rules, Registration.Status.WAITLISTED)

    with pytest.raises(RegistrationError, match="No place is on offer"):
        accept_offer(waiting)


def test_staff_move_someone_from_the_waiting_list_only_into_a_free_place():
    rules = RegistrationSettingsFactory(in_person_capacity=1)
    waiting = _registration(rules, Registration.Status.WAITLISTED)
    holder = _registration(rules, Registration.Status.CONFIRMED)

    with pytest.raises(RegistrationError, match="No place is free"):
        move_from_waiting_list(waiting)
    holder.delete()

    assert move_from_waiting_list(waiting) is True
    assert _status(waiting) == Registration.Status.OFFERED
    assert move_from_waiting_list(waiting) is False


def test_expired_offers_of_every_conference_pass_to_the_next_person():
    rules = RegistrationSettingsFactory(in_person_capacity=1)
    late = _registration(
        rules,
        Registration.Status.OFFERED,
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1),
    )
    next_in_line = _registration(rules, Registration.Status.WAITLISTED)

    assert expire_all_offers() == 1

    assert (_status(late), _status(next_in_line)) == (
        Registration.Status.CANCELLED,
        Registration.Status.OFFERED,
    )
