"""The programme as attendees read it: days, slots, now and next, entries."""

import datetime as dt

import pytest
from django.utils import translation

from events.models import Conference, Session
from events.programme import (
    now_and_next,
    programme_days,
    programme_entries,
)
from events.selectors import programme_entry_sessions
from tests import factories

pytestmark = pytest.mark.django_db

VIENNA = factories.VIENNA


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, minute, tzinfo=VIENNA)


@pytest.fixture
def conference() -> Conference:
    return factories.ConferenceFactory(slug="alliance-26", title="26th Alliance")


def test_now_and_next_is_empty_outside_the_conference(conference):
    sessions = [
        factories.SessionFactory(conference=conference, start=at(20, 10)),
        factories.SessionFactory(conference=conference, start=at(20, 16)),
    ]

    assert now_and_next(conference, sessions, at(22, 11)) == (set(), set())


def test_now_and_next_names_the_running_and_the_next_sessions(conference):
    running = factories.SessionFactory(
        conference=conference, start=at(20, 10), end=at(20, 12)
    )
    upcoming = factories.SessionFactory(
        conference=conference, start=at(20, 13), end=at(20, 14)
    )
    later = factories.SessionFactory(
        conference=conference, start=at(20, 15), end=at(20, 16)
    )

    result = now_and_next(conference, [running, upcoming, later], at(20, 11))

    assert result == ({running.pk}, {upcoming.pk})


def test_programme_days_keep_sessions_that_only_overlap_in_one_slot(conference):
    first = factories.SessionFactory(
        conference=conference, start=at(20, 9), end=at(20, 10)
    )
    second = factories.SessionFactory(
        conference=conference, start=at(20, 9, 30), end=at(20, 11)
    )
    third = factories.SessionFactory(
        conference=conference, start=at(20, 11), end=at(20, 12)
    )

    days = programme_days(conference, [third, second, first])

    assert [slot.sessions for slot in days[0].slots] == [[first, second], [third]]


def test_an_entry_shows_plain_strings_and_links_formatted_from_one_pattern(
    conference,
):
    session = factories.SessionFactory(
        conference=conference,
        slug="launch",
        title="Launch of the Study",
        start=at(20, 16, 45),
        end=at(20, 17, 45),
        room__name="Bibliotheksaal",
        room__slug="bibliotheksaal",
        online_platform="Zoom",
        online_join_url="https://zoom.example.org/j/1",
        interpretation_languages=["en", "ru"],
    )
    factories.SessionOrganiserFactory(
        session=session, organisation__slug="uk", organisation__short_name="UK"
    )
    factories.SessionOrganiserFactory(
        session=session, organisation__slug="unodc", organisation__short_name="UNODC"
    )
    sessions = list(programme_entry_sessions(Session.objects.all()))

    with translation.override("en"):
        days = programme_entries(
            conference, programme_days(conference, sessions), {session.pk}, set()
        )

    entry = days[0].slots[0].entries[0]
    assert (entry.url, entry.room_url) == (
        "/en/alliance-26/sessions/launch/",
        "/en/alliance-26/rooms/bibliotheksaal/",
    )
    assert entry.organisers == [
        ("/en/organisations/uk/", "UK", " and ", ""),
        ("/en/organisations/unodc/", "UNODC", "", ""),
    ]
    assert (entry.marker, entry.start_time, entry.end_time) == ("now", "16:45", "17:45")
    assert entry.organisers_label == "Co-organisers:"
    assert entry.access == "In person and online; Interpretation: English & Russian"
    assert (entry.online_url, entry.online_text) == (
        "https://zoom.example.org/j/1",
        "Join via Zoom",
    )
