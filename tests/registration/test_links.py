"""Tokens and links: only the hash is stored, links are absolute and in language."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from events.tokens import hash_token
from registration.links import absolute_url, invitation_url, issue_token
from registration.models import Invitation
from registration.selectors import find_invitation
from tests.factories import ConferenceFactory
from tests.registration.factories import InvitationFactory, RegistrationSettingsFactory


@pytest.mark.django_db
def test_issuing_a_token_ends_the_old_link():
    invitation = InvitationFactory()
    old = invitation.token

    token = issue_token(invitation)

    assert Invitation.objects.get().token_hash == hash_token(token)
    assert find_invitation(old) is None
    assert find_invitation(token) == invitation


def test_absolute_url_uses_the_site_url(settings):
    settings.SITE_URL = "https://alliance.example.org/"

    assert (
        absolute_url("/en/programme/") == "https://alliance.example.org/en/programme/"
    )


def test_absolute_url_falls_back_to_the_development_server(settings):
    settings.SITE_URL = ""

    assert absolute_url("/en/") == "http://127.0.0.1:8000/en/"


def test_the_invitation_url_is_in_the_invitees_language(settings):
    settings.SITE_URL = "https://alliance.example.org"

    assert invitation_url("abc", "ru") == (
        "https://alliance.example.org/ru/registration/i/abc/"
    )
    assert (
        invitation_url("abc") == "https://alliance.example.org/en/registration/i/abc/"
    )


@pytest.mark.django_db
def test_the_confirmation_email_links_to_the_port_the_invitee_used(
    client, run_worker, settings
):
    settings.SITE_URL = ""
    conference = ConferenceFactory(in_person_capacity=10)
    RegistrationSettingsFactory(conference=conference)
    invitation = InvitationFactory(conference=conference, email="anna@example.org")
    path = reverse("registration:invitation", kwargs={"token": invitation.token})

    response = client.post(
        path,
        {
            "honorific": "Ms.",
            "given_name": "Anna",
            "family_name": "Berger",
            "position": "Head of Unit",
            "organisation": "Ministry of Interior",
            "delegation": "Austria",
            "email": "anna@example.org",
            "language": "en",
            "attendance": "in_person",
            "interpretation": "ru",
            "consent": "on",
            "submission_key": "8f8a2c4e-8a52-4d7e-b0f7-0d4c3c1f7f01",
        },
        HTTP_HOST="127.0.0.1:8010",
    )
    assert response.status_code == 302
    run_worker()

    [message] = mail.outbox
    links = re.findall(r"https?://[^\s\"<>]+", message.body)
    assert links
    assert all(link.startswith("http://127.0.0.1:8010/") for link in links), links
