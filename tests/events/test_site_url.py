"""Absolute links: SITE_URL, else the host and port the request came in on."""

import logging
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from events import site_url
from events.site_url import absolute_url, current_origin, serving, using_origin
from registration.links import invitation_url
from tests.factories import ConferenceFactory


@pytest.fixture(autouse=True)
def _unset(settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["alliance.test", "127.0.0.1", "testserver"]


def test_links_follow_the_requests_host_and_port():
    request = RequestFactory().get("/", HTTP_HOST="alliance.test:8010")

    with serving(request):
        assert (
            absolute_url("/en/programme/") == "http://alliance.test:8010/en/programme/"
        )
        assert invitation_url("abc", "ru") == (
            "http://alliance.test:8010/ru/registration/i/abc/"
        )
    assert current_origin() == ""


def test_links_follow_a_secure_request():
    request = RequestFactory().get("/", HTTP_HOST="alliance.test:8443", secure=True)

    with serving(request):
        assert absolute_url("/en/") == "https://alliance.test:8443/en/"


def test_site_url_wins_over_the_request(settings):
    settings.SITE_URL = "https://alliance.example.org/"
    request = RequestFactory().get("/", HTTP_HOST="alliance.test:8010")

    with serving(request):
        assert absolute_url("/en/") == "https://alliance.example.org/en/"


def test_a_refused_host_is_not_used():
    request = RequestFactory().get("/", HTTP_HOST="evil.example:80")

    with serving(request), using_origin(""):
        assert absolute_url("/en/") == "http://127.0.0.1:8000/en/"


def test_the_worker_uses_the_origin_queued_with_the_email():
    with using_origin("http://127.0.0.1:8010/"):
        assert absolute_url("/en/") == "http://127.0.0.1:8010/en/"


def test_outside_a_request_it_warns_once(monkeypatch, caplog):
    monkeypatch.setattr(site_url, "_warned", False)

    with caplog.at_level(logging.WARNING, logger="events.site_url"):
        assert absolute_url("/en/") == "http://127.0.0.1:8000/en/"
        assert absolute_url("/ru/") == "http://127.0.0.1:8000/ru/"

    warnings = [r for r in caplog.records if r.name == "events.site_url"]
    assert len(warnings) == 1
    assert "SITE_URL is unset" in warnings[0].getMessage()


def test_no_warning_when_site_url_is_set(settings, monkeypatch, caplog):
    settings.SITE_URL = "https://alliance.example.org"
    monkeypatch.setattr(site_url, "_warned", False)

    with caplog.at_level(logging.WARNING, logger="events.site_url"):
        absolute_url("/en/")

    assert not [r for r in caplog.records if r.name == "events.site_url"]


@pytest.mark.django_db
def test_seed_prints_the_address_make_run_binds(settings):
    settings.DEBUG = True
    ConferenceFactory()
    out = StringIO()

    call_command("seed", "--address", "http://0.0.0.0:8010", stdout=out)

    assert "http://0.0.0.0:8010/en/admin/" in out.getvalue()
    assert "8000" not in out.getvalue()
