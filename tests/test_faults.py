"""Faults outside the request's control: the database goes away.

Pages answer with a 503 page and the API with a 503 JSON body, both asking to try
again, instead of a 500; /healthz names the database. (The mail server being down
during registration is covered in tests/registration/test_emails.py.)
"""

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.utils import translation

from tests.factories import ConferenceFactory
from tests.registration.factories import InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """Addresses and messages in English, whatever an earlier test switched to."""
    with translation.override("en"):
        yield


@pytest.fixture
def database_down(monkeypatch):
    """Every new query fails as it does when PostgreSQL is unreachable."""

    def broken(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed")

    def down(error: type[Exception] = OperationalError) -> None:
        if error is OperationalError:
            monkeypatch.setattr(connection, "cursor", broken)
        else:

            def broken_interface(*args, **kwargs):
                raise error("connection already closed")

            monkeypatch.setattr(connection, "cursor", broken_interface)

    return down


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_without_database_is_a_503_page(client, database_down, error):
    ConferenceFactory()
    database_down(error)

    response = client.get("/en/")

    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "<h1>Temporarily unavailable</h1>" in response.text
    # The page is the site's own (base.html), not a bare error.
    assert 'class="site-header"' in response.text


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_the_api_without_database_is_a_503_json(client, database_down, error):
    database_down(error)

    response = client.get("/api/v1/sessions/")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "The service is temporarily unavailable. Please try again in a "
        "few minutes."
    }


def test_a_token_link_without_database_is_a_503(client, database_down):
    invitation = InvitationFactory()
    database_down()

    response = client.get(f"/en/registration/i/{invitation.token}/")

    assert response.status_code == 503


def test_a_form_post_failing_outside_the_view_is_still_a_503(database_down):
    """The audit trail opens its transaction before the view: handler500 sees it."""
    invitation = InvitationFactory()
    client = Client(raise_request_exception=False)
    database_down()

    response = client.post(
        f"/en/registration/i/{invitation.token}/", {"given_name": "Anna"}
    )

    assert response.status_code == 503
    assert "<h1>Temporarily unavailable</h1>" in response.text


def test_healthz_names_the_database(client, database_down):
    database_down()

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "failed", "cache": "ok"}


def test_other_database_errors_stay_server_errors():
    """A DataError is a bug to fix, not an outage: it must not hide as a 503."""
    from django.db import DataError
    from django.test import RequestFactory

    from alliance.middleware import DatabaseUnavailableMiddleware

    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/en/")

    assert middleware.process_exception(request, DataError("bad")) is None


def test_an_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v1/sessions/1.5/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_unknown_page_is_still_the_404_page(client):
    response = client.get("/en/no-such-conference/no/such/page/")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text
