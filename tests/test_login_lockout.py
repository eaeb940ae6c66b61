"""Repeated failed staff logins lock the username from that address (django-axes)."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN_URL = "/en/admin/login/"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "petra", "petra@example.org", "right-password", is_staff=True
    )


def log_in(client: Client, password: str) -> int:
    response = client.post(
        LOGIN_URL,
        {"username": "petra", "password": password, "next": "/en/admin/"},
    )
    return response.status_code


def test_sixth_login_after_five_failures_is_refused_even_with_the_right_password(
    staff,
):
    client = Client()

    failures = [log_in(client, "wrong-password") for _ in range(5)]
    sixth = log_in(client, "right-password")

    assert settings.AXES_FAILURE_LIMIT == 5
    assert failures == [200, 200, 200, 200, 429]
    assert sixth == 429
    assert SESSION_KEY not in client.session


def test_a_few_failures_do_not_stop_the_right_password(staff):
    client = Client()

    failures = [log_in(client, "wrong-password") for _ in range(4)]
    success = log_in(client, "right-password")

    assert (failures, success) == ([200, 200, 200, 200], 302)
    assert client.session[SESSION_KEY] == str(staff.pk)


def test_lockout_is_per_address(staff):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        log_in(attacker, "wrong-password")

    assert log_in(Client(REMOTE_ADDR="198.51.100.7"), "right-password") == 302


def test_tests_log_in_with_a_request_or_force_login(staff):
    """Axes needs the request to authenticate: Client.login must be given one."""
    client = Client()

    assert client.login(
        username="petra", password="right-password", request=HttpRequest()
    )
    client.force_login(staff)
    assert client.get("/en/admin/").status_code == 200
