"""Fixtures shared by every app's tests."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from rest_framework.test import APIClient

from tests.browser import browser, page  # noqa: F401 -- fixtures for every module


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    """Start each test with an empty page cache: no page from another test's data."""
    cache.clear()
    # and with no requests counted against the rate limits (logins, links, forms)
    caches["ratelimit"].clear()


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Uploaded documents and photos of a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Start each test in English: a request to /ru/ leaves Russian active."""
    translation.activate("en")
    yield
    translation.deactivate()


# Weeks before the factories' conference (20–21 April 2026, Vienna), when
# registration is open.
BEFORE_THE_CONFERENCE = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def before_the_conference():
    """Move "now" to the weeks before the factories' conference; time still runs."""
    with time_machine.travel(BEFORE_THE_CONFERENCE, tick=True) as traveller:
        yield traveller


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def programme_editor(django_user_model):
    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Programme editors"))
    return user


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    """Skip PostgreSQL-only tests, saying why, when the suite runs on SQLite."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def run_worker(monkeypatch):
    """Run every queued job once, as `manage.py db_worker --batch` does."""
    # The worker drops "old" connections between jobs; inside a test transaction
    # that would abort the test, so it is switched off here.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )

    def run() -> None:
        call_command(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0",
            verbosity=0,
        )

    return run
