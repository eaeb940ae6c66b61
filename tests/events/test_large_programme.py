"""The uncached programme, feeds and API on a generated conference (bench's shape).

Query counts stay what they are however many sessions there are, and building the
whole-conference feeds stays within a memory bound: each person, organisation and
conference is one object, however many sessions name them.
"""

import tracemalloc

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.generate_conference import generate_conference

SLUG = "large-test"
# Today's counts (conference, sessions, their parts; paging's count in the API).
QUERIES = {
    f"/en/{SLUG}/programme/": 6,
    f"/api/v1/sessions/?conference={SLUG}": 7,
    f"/feeds/{SLUG}/schedule.ics": 6,
    f"/feeds/{SLUG}/schedule.xml": 8,
    f"/feeds/{SLUG}/schedule.json": 8,
}


def _generate(sessions: int) -> None:
    generate_conference(
        SLUG,
        days=2,
        rooms=6,
        sessions=sessions,
        people=sessions * 2,
        organisations=20,
        replace=True,
    )


def _queries(path: str) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.fixture(autouse=True)
def _uncached(settings):
    """Every request renders: the page cache would answer the repeated ones."""
    settings.PUBLIC_CACHE_ENABLED = False


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_programme():
    _generate(40)
    small = {path: _queries(path) for path in QUERIES}
    _generate(160)
    large = {path: _queries(path) for path in QUERIES}

    assert large == small == QUERIES


def _peak_bytes(path: str) -> int:
    client = Client()
    client.get(path)  # templates, translations and URL patterns loaded first
    tracemalloc.start()
    try:
        response = client.get(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    return peak


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("feed", "bound_mb"),
    [("schedule.ics", 8), ("schedule.xml", 11)],
)
def test_whole_conference_feeds_are_built_within_a_memory_bound(feed, bound_mb):
    _generate(200)
    peak = _peak_bytes(f"/feeds/{SLUG}/{feed}")
    assert peak <= bound_mb * 1_000_000
