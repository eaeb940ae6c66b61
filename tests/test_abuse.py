"""Abuse: rate limits per client address, CSRF on every form, cookies in production.

Limits are lowered with override_settings so that a handful of requests reach them;
the production values are in alliance/settings.py (RATELIMIT_*).
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from registration.models import Registration
from tests.factories import ConferenceFactory, SessionFactory
from tests.registration.factories import (
    InvitationFactory,
    RegistrationFactory,
)
from tests.test_production import manage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_conference")]


@pytest.fixture(autouse=True)
def _in_english():
    """Addresses and messages in English, whatever an earlier test switched to."""
    with translation.override("en"):
        yield


def register_data(**overrides) -> dict:
    return {
        "given_name": "Anna",
        "family_name": "Berger",
        "email": "anna.berger@example.org",
        "language": "en",
        "attendance": "in_person",
        "consent": "on",
        "submission_key": "8f8a2c4e-8a52-4d7e-b0f7-0d4c3c1f7f01",
        **overrides,
    }


# Registration form


@override_settings(RATELIMIT_REGISTRATION="2/h")
def test_registration_posts_are_limited_per_invitation():
    invitation = InvitationFactory(seats=5)
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    client = Client(REMOTE_ADDR="203.0.113.5")

    codes = [client.post(url, {"given_name": ""}).status_code for _ in range(3)]
    other_address = Client(REMOTE_ADDR="198.51.100.7").post(url, register_data())
    other_invitation = InvitationFactory()
    other_url = reverse(
        "registration:invitation", kwargs={"token": other_invitation.token}
    )

    assert codes == [400, 400, 429]
    assert other_address.status_code == 429
    assert client.post(other_url, register_data()).status_code == 302
    assert invitation.registrations.count() == 0


@override_settings(RATELIMIT_REGISTRATION_ADDRESS="2/h")
def test_registration_posts_have_a_ceiling_per_address():
    client = Client(REMOTE_ADDR="203.0.113.9")
    urls = [
        reverse("registration:invitation", kwargs={"token": invitation.token})
        for invitation in InvitationFactory.create_batch(3)
    ]

    codes = [client.post(url, register_data()).status_code for url in urls]

    assert codes == [302, 302, 429]


def test_forty_delegates_behind_one_address_all_register():
    """A delegation on the venue's Wi-Fi: 40 people, one address, one minute."""
    client = Client(REMOTE_ADDR="203.0.113.10")
    invitations = InvitationFactory.create_batch(40)
    codes = []
    for invitation in invitations:
        url = reverse("registration:invitation", kwargs={"token": invitation.token})
        assert client.get(url).status_code == 200
        codes.append(client.post(url, register_data()).status_code)
        assert client.get(url).status_code == 200

    assert codes == [302] * 40
    assert Registration.objects.count() == 40


@override_settings(RATELIMIT_REGISTRATION="1/h")
def test_changing_a_registration_counts_against_the_same_limit():
    registration = RegistrationFactory()
    token = registration.invitation.token
    client = Client(REMOTE_ADDR="203.0.113.6")
    url = reverse("registration:change", kwargs={"token": token, "pk": registration.pk})

    codes = [client.post(url, {"given_name": ""}).status_code for _ in range(2)]

    assert codes == [400, 429]


def test_the_limited_answer_is_a_page_saying_so():
    invitation = InvitationFactory()
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    client = Client()
    with override_settings(RATELIMIT_REGISTRATION="0/h"):
        response = client.post(url, register_data())

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "<h1>Too many requests</h1>" in response.text
    assert invitation.registrations.count() == 0


# Invitation links (token look-ups)


@override_settings(RATELIMIT_TOKEN_LOOKUP="3/h")
def test_opening_invitation_links_is_limited_per_address():
    invitation = InvitationFactory()
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    client = Client(REMOTE_ADDR="203.0.113.7")

    codes = [client.get(url).status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]
    assert Client(REMOTE_ADDR="198.51.100.8").get(url).status_code == 200


@override_settings(RATELIMIT_TOKEN_MISS="3/h")
def test_guessing_tokens_locks_the_address_out_of_every_link():
    invitation = InvitationFactory()
    guesser = Client(REMOTE_ADDR="203.0.113.8")

    guesses = [
        guesser.get(
            reverse("registration:invitation", kwargs={"token": f"guess-{n}"})
        ).status_code
        for n in range(5)
    ]
    real_link = reverse("registration:invitation", kwargs={"token": invitation.token})

    assert guesses == [404, 404, 404, 429, 429]
    assert guesser.get(real_link).status_code == 429
    assert Client(REMOTE_ADDR="198.51.100.9").get(real_link).status_code == 200


@override_settings(RATELIMIT_TOKEN_MISS="3/h")
def test_valid_links_do_not_count_as_guesses():
    invitation = InvitationFactory()
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    client = Client(REMOTE_ADDR="203.0.113.9")

    assert {client.get(url).status_code for _ in range(6)} == {200}


# Staff login


@override_settings(RATELIMIT_STAFF_LOGIN="3/h")
def test_staff_login_attempts_are_limited_per_address(django_user_model):
    """Axes locks one username; this limit stops one address trying many."""
    client = Client(REMOTE_ADDR="203.0.113.10")
    login = reverse("admin:login")

    codes = [
        client.post(login, {"username": f"user{n}", "password": "guess"}).status_code
        for n in range(4)
    ]
    elsewhere = Client(REMOTE_ADDR="198.51.100.10").post(
        login, {"username": "user9", "password": "guess"}
    )

    assert codes == [200, 200, 200, 429]
    assert elsewhere.status_code == 200


@override_settings(RATELIMIT_STAFF_LOGIN="1/h")
def test_login_page_itself_is_not_limited():
    client = Client()

    assert [client.get(reverse("admin:login")).status_code for _ in range(3)] == [
        200,
        200,
        200,
    ]


# CSRF: every form refuses a POST without the token


@pytest.fixture
def csrf_forms(django_user_model) -> list[tuple[str, Client]]:
    """Each form's address, and a client allowed to see the form."""
    conference = ConferenceFactory()
    registration = RegistrationFactory(invitation__conference=conference)
    token = registration.invitation.token
    SessionFactory(conference=conference, online_link_on_registration=True)
    manager = django_user_model.objects.create_user(
        "csrf-manager", "m@example.org", "pw", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Registration managers"))
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(manager)
    anonymous = Client(enforce_csrf_checks=True)
    link = {"token": token}
    own = {"token": token, "pk": registration.pk}
    return [
        (reverse("registration:invitation", kwargs=link), anonymous),
        (reverse("registration:decline", kwargs=link), anonymous),
        (reverse("registration:change", kwargs=own), anonymous),
        (reverse("registration:cancel", kwargs=own), anonymous),
        (reverse("registration:accept_offer", kwargs=own), anonymous),
        (
            reverse("registration:online", kwargs={"conference": conference.slug}),
            anonymous,
        ),
        (reverse("set_language"), anonymous),
        (reverse("admin:login"), anonymous),
        (
            reverse("registration:checkin", kwargs={"conference": conference.slug}),
            staff,
        ),
        (reverse("admin:registration_invitation_upload"), staff),
        (reverse("admin:registration_invitation_add"), staff),
        (
            reverse(
                "admin:registration_invitation_change",
                args=[registration.invitation.pk],
            ),
            staff,
        ),
        (reverse("admin:registration_registration_changelist"), staff),
        (reverse("admin:logout"), staff),
    ]


def test_every_form_refuses_a_post_without_csrf_token(csrf_forms):
    answers = {
        url: client.post(url, {"x": "1"}).status_code for url, client in csrf_forms
    }

    assert answers == {url: 403 for url, _client in csrf_forms}


# Cookies in production


PRINT_COOKIE_SETTINGS = (
    "from django.conf import settings as s; import json; print(json.dumps(["
    "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY]))"
)


def test_cookies_are_secure_and_http_only_in_production(tmp_path):
    result = manage(tmp_path, "shell", "--no-imports", "-c", PRINT_COOKIE_SETTINGS)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [True, True, True]


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_the_session_cookie_a_login_sets_is_secure_and_http_only(django_user_model):
    django_user_model.objects.create_user(
        "cookie", "cookie@example.org", "right-password", is_staff=True
    )
    client = Client()
    client.get(reverse("admin:login"))
    response = client.post(
        reverse("admin:login"), {"username": "cookie", "password": "right-password"}
    )

    session = response.cookies["sessionid"]
    csrf = client.cookies["csrftoken"]
    assert response.status_code == 302
    assert (session["secure"], session["httponly"]) == (True, True)
    assert csrf["secure"] is True
