"""Tokens and links: only the hash is stored, links are absolute and in language."""

import pytest

from registration.links import absolute_url, invitation_url, issue_token, new_token
from registration.models import Invitation, hash_token
from registration.selectors import find_invitation
from tests.registration.factories import InvitationFactory


def test_a_new_token_comes_with_its_hash():
    token, digest = new_token()

    assert digest == hash_token(token)
    assert len(token) == 43
    assert new_token()[0] != token


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
