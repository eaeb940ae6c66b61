"""/healthz: what the load balancer asks each web process before sending it work."""

import pytest
from django.db import connection

from alliance import health

pytestmark = pytest.mark.django_db


def test_healthy_process_answers_200_with_each_check(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_head_is_enough_for_a_probe(client):
    assert client.head("/healthz").status_code == 200


def test_a_broken_cache_gives_503_naming_it(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(health.cache, "set", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "failed"}


def test_a_broken_database_gives_503_naming_it(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("database is down")

    monkeypatch.setattr(connection, "cursor", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "failed", "cache": "ok"}


def test_the_probe_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/en/").status_code == 301


def test_writes_are_refused(client):
    assert client.post("/healthz").status_code == 405
