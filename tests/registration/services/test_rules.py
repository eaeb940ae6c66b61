"""A conference's registration settings and the expiry they give invitations."""

import datetime as dt

import pytest
from django.utils import timezone

from registration.models import RegistrationSettings
from registration.services.rules import invitation_expiry, settings_for
from tests.factories import ConferenceFactory
from tests.registration.factories import RegistrationSettingsFactory

pytestmark = pytest.mark.django_db


def test_settings_are_created_once_with_the_defaults():
    conference = ConferenceFactory()

    first = settings_for(conference)
    again = settings_for(conference)

    assert first == again
    assert RegistrationSettings.objects.count() == 1
    assert (first.invitation_days, first.offer_hours, first.requires_approval) == (
        60,
        48,
        False,
    )


def test_invitations_expire_after_the_conferences_days():
    rules = RegistrationSettingsFactory(invitation_days=14)

    left = invitation_expiry(rules.conference) - timezone.now()

    assert dt.timedelta(days=13, hours=23, minutes=59) < left <= dt.timedelta(days=14)
