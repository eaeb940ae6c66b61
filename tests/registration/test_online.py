"""The open online sign-up for sessions whose link is sent on registration."""

import pytest
from django.core import mail
from django.urls import reverse

from registration.models import OnlineSignup
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _url(session) -> str:
    return reverse(
        "registration:online_signup",
        kwargs={"conference": session.conference.slug, "session": session.slug},
    )


DATA = {
    "name": "Online Follower",
    "email": "Follower@Example.org",
    "organisation": "NGO",
    "language": "en",
    "consent": "on",
}


def test_sign_up_sends_the_link(client, run_worker):
    session = SessionFactory(online_link_on_registration=True)
    assert client.get(_url(session)).status_code == 200
    response = client.post(_url(session), DATA)
    assert response.status_code == 200
    assert client.post(_url(session), DATA).status_code == 200
    assert list(OnlineSignup.objects.values_list("email", flat=True)) == [
        "follower@example.org"
    ]
    run_worker()
    assert [m.to for m in mail.outbox] == [["follower@example.org"]] * 2


def test_sign_up_needs_consent(client):
    session = SessionFactory(online_link_on_registration=True)
    response = client.post(_url(session), {**DATA, "consent": ""})
    assert response.status_code == 400
    assert OnlineSignup.objects.count() == 0


def test_sessions_with_public_links_have_no_sign_up(client):
    session = SessionFactory(online_link_on_registration=False)
    assert client.get(_url(session)).status_code == 404


def test_sign_up_is_rate_limited(client, settings):
    settings.RATELIMIT_ONLINE_SIGNUP = "2/h"
    session = SessionFactory(online_link_on_registration=True)
    codes = [
        client.post(_url(session), {**DATA, "email": f"p{n}@example.org"}).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]
