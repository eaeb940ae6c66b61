"""Fixtures shared by every app's tests."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.db import connection
from django.utils import translation
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    """Start each test with an empty page cache: no page from another test's data."""
    cache.clear()
    # and with no requests counted against the rate limits (logins, links, forms)
    caches["ratelimit"].clear()


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


# The browser tests' Chromium, one per process for every module that drives it
# (tests/test_browser.py, tests/proposals/test_browser.py): Playwright's sync API
# allows one instance per thread.
@pytest.fixture(scope="session")
def browser():
    # Imported here: the module needs Django set up, which conftest loads before.
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, _missing

    if not CHROMIUM.exists():
        _missing(
            "no browser: /usr/bin/chromium is missing "
            "(`apt-get install chromium`, or `make test` as root)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp: axe-core is injected as an inline script, which the site's
    # Content-Security-Policy rightly refuses.
    context = browser.new_context(
        accept_downloads=True, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
