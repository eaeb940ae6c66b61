"""The programme version: bumped by every change, read without a query."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from events import version
from events.version import (
    VERSION_KEY,
    bump_programme_version,
    note_last_modified_sent,
    programme_etag,
    programme_version,
)
from tests import factories

pytestmark = pytest.mark.django_db

NOON = 1_776_679_200.25  # 2026-04-20 10:00:00.25 UTC


@pytest.fixture
def clock(monkeypatch):
    """A settable clock for the version's timestamps."""
    now = [NOON]
    monkeypatch.setattr(version.time, "time", lambda: now[0])
    return now


def test_a_bump_makes_a_new_token_dated_now(clock):
    before = programme_version()
    clock[0] = NOON + 30

    bump_programme_version()

    after = programme_version()
    assert after.token != before.token
    assert after.changed_at == NOON + 30
    assert after.last_modified == int(NOON) + 30


def test_a_lost_version_starts_anew_a_second_ahead(clock):
    first = programme_version()
    cache.delete(VERSION_KEY)

    again = programme_version()

    assert again.token != first.token
    assert again.changed_at == int(NOON) + 1


def test_a_version_left_by_an_older_release_is_replaced(clock):
    cache.set(VERSION_KEY, "3f2a9c01d4e5", None)

    current = programme_version()

    assert current.token != "3f2a9c01d4e5"
    assert programme_version() == current


def test_a_change_in_the_second_a_date_went_out_is_dated_a_second_later(clock):
    bump_programme_version()
    served = programme_version()
    note_last_modified_sent(served)
    clock[0] = NOON + 0.5  # the same second

    bump_programme_version()

    assert programme_version().last_modified == served.last_modified + 1


def test_changes_nobody_read_keep_the_real_time(clock):
    bump_programme_version()
    clock[0] = NOON + 0.5

    bump_programme_version()

    assert programme_version().changed_at == NOON + 0.5


def test_while_the_cache_is_down_every_answer_has_a_version_of_its_own(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(version.cache, "get", broken)

    assert programme_version().token != programme_version().token


def test_the_etag_names_the_version_and_tells_every_answer_apart():
    rf = RequestFactory()
    page = rf.get("/en/alliance-26/programme/")
    current = programme_version()

    def etag(request=page, tier="anonymous", variant="", language="en") -> str:
        with translation.override(language):
            return programme_etag(request, tier=tier, variant=variant)

    plain = etag()

    assert plain.startswith(f'"{current.token}-')
    assert etag() == plain
    assert (
        len(
            {
                plain,
                etag(tier="user-1-drafts"),
                etag(variant="5922264"),
                etag(language="ru"),
                etag(request=rf.get("/en/alliance-26/programme/?day=2026-04-20")),
                etag(request=rf.get("/en/alliance-26/programme/", secure=True)),
            }
        )
        == 6
    )
    bump_programme_version()
    assert etag() != plain


@pytest.fixture
def uncached(settings):
    """Watch the views themselves, not the page cache."""
    settings.PUBLIC_CACHE_ENABLED = False


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(lambda s: s.get_absolute_url(), id="page"),
        pytest.param(
            lambda s: reverse(
                "feeds:conference_ical", kwargs={"conference": s.conference.slug}
            ),
            id="feed",
        ),
        pytest.param(lambda s: "/api/v1/sessions/", id="api-list"),
        pytest.param(lambda s: f"/api/v1/sessions/{s.pk}/", id="api-detail"),
    ],
)
def test_a_current_copy_gets_its_304_without_a_query(
    client, uncached, url, django_assert_num_queries
):
    session = factories.SessionFactory()
    first = client.get(url(session))

    with django_assert_num_queries(0):
        again = client.get(url(session), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert (again.status_code, again["ETag"]) == (304, first["ETag"])
