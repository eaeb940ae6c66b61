"""Invitations added in the admin expire by the conference's setting."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.models import Invitation
from tests.factories import ConferenceFactory
from tests.registration.factories import RegistrationSettingsFactory

pytestmark = pytest.mark.django_db


def _add_form(conference, **overrides) -> dict:
    return {
        "conference": conference.pk,
        "name": "Anna Berger",
        "email": "anna@example.org",
        "category": "other",
        "language": "en",
        "seats": "1",
        "expires_at_0": "",
        "expires_at_1": "",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
        **overrides,
    }


def _days_left(moment: dt.datetime) -> dt.timedelta:
    return moment - timezone.now()


def test_an_invitation_added_without_an_expiry_expires_by_the_setting(admin_client):
    rules = RegistrationSettingsFactory(invitation_days=14)

    response = admin_client.post(
        reverse("admin:registration_invitation_add"), _add_form(rules.conference)
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    left = _days_left(invitation.expires_at)
    assert dt.timedelta(days=13, hours=23) < left <= dt.timedelta(days=14)


def test_an_expiry_typed_in_the_admin_is_kept(admin_client):
    rules = RegistrationSettingsFactory(invitation_days=14)

    admin_client.post(
        reverse("admin:registration_invitation_add"),
        _add_form(rules.conference, expires_at_0="2026-04-01", expires_at_1="12:00:00"),
    )

    expires = timezone.localtime(Invitation.objects.get().expires_at)
    assert (expires.date(), expires.time()) == (dt.date(2026, 4, 1), dt.time(12))


def test_the_add_form_proposes_the_chosen_conferences_expiry(admin_client):
    rules = RegistrationSettingsFactory(invitation_days=14)

    response = admin_client.get(
        reverse("admin:registration_invitation_add"),
        {"conference": rules.conference.pk},
    )

    initial = response.context["adminform"].form.initial["expires_at"]
    assert dt.timedelta(days=13, hours=23) < _days_left(initial) <= dt.timedelta(14)


def test_a_conference_without_settings_gets_the_default_sixty_days(admin_client):
    conference = ConferenceFactory()

    admin_client.post(
        reverse("admin:registration_invitation_add"), _add_form(conference)
    )

    left = _days_left(Invitation.objects.get().expires_at)
    assert dt.timedelta(days=59, hours=23) < left <= dt.timedelta(days=60)


@pytest.mark.parametrize("conference", ["", "abc", "\u0661", "999999"])
def test_the_add_form_proposes_no_expiry_without_a_known_conference(
    admin_client, conference
):
    response = admin_client.get(
        reverse("admin:registration_invitation_add"), {"conference": conference}
    )

    assert response.status_code == 200
    assert "expires_at" not in response.context["adminform"].form.initial
