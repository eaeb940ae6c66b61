"""The programme during the conference, with the one clock frozen (time-machine)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from events.now import (
    conference_today,
    next_day_change,
    now,
    now_next,
    strip_entries,
)
from tests import factories
from tests.events.test_views import at, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False
    translation.activate("en")


@pytest.fixture
def conference():
    return factories.ConferenceFactory(slug="alliance-26")


def test_the_clock_is_the_one_time_machine_moves():
    with time_machine.travel(at(21, 13, 50), tick=False):
        assert now() == at(21, 13, 50)


def test_today_is_a_conference_day_or_none(conference):
    assert conference_today(conference, at(21, 13, 50)) == dt.date(2026, 4, 21)
    assert conference_today(conference, at(22, 9)) is None


def test_now_and_next_is_per_room(conference):
    plenary, first, second, _day_two = make_programme(conference)
    later_in_first_room = factories.SessionFactory(
        conference=conference, start=at(20, 18), end=at(20, 19), room=first.room
    )
    running, upcoming = now_next(
        conference, [plenary, first, second, later_in_first_room], at(20, 11)
    )
    assert running == {plenary.pk}
    assert upcoming == {first.pk, second.pk}

    running, upcoming = now_next(
        conference, [plenary, first, second, later_in_first_room], at(20, 17)
    )
    assert (running, upcoming) == ({first.pk, second.pk}, {later_in_first_room.pk})


def test_the_strip_lists_the_whole_of_today_unmarked_for_the_browser(conference):
    plenary, first, second, _day_two = make_programme(conference)
    morning = strip_entries(conference, [plenary, first, second], at(20, 11))
    evening = strip_entries(conference, [plenary, first, second], at(20, 23))

    expected = [
        ("Opening plenary", ""),
        ("Side event 0", ""),
        ("Side event 1", ""),
    ]
    assert [(e.title, e.marker) for e in morning] == expected
    assert [(e.title, e.marker) for e in evening] == expected
    assert strip_entries(conference, [plenary, first], at(22, 11)) == []


def test_the_day_changes_at_the_conference_s_midnights(conference):
    assert next_day_change(conference, at(1, 9)) == at(20, 0)
    assert next_day_change(conference, at(20, 23, 59)) == at(21, 0)
    assert next_day_change(conference, at(21, 0)) == at(22, 0)
    assert next_day_change(conference, at(22, 0)) is None


def _programme(client, conference, **params):
    return client.get(
        reverse("events:programme", kwargs={"conference": conference.slug}), params
    )


def test_during_the_conference_the_programme_opens_on_today_with_the_strip(
    client, conference
):
    make_programme(conference)
    with time_machine.travel(at(21, 8, 30), tick=False):
        response = _programme(client, conference)
    html = response.content.decode()
    assert [day.date for day in response.context["days"]] == [dt.date(2026, 4, 21)]
    assert 'id="now-next"' in html
    assert [e.title for e in response.context["strip"]] == ["Human cost of crime"]
    # The browser shows the strip and the link, and names the entry to jump to.
    assert '<p data-jump-now hidden><a href="#now">Jump to now' in html
    assert 'id="now"' not in html
    assert '<a href="?day=">Show all days</a>' in html
    assert '<details class="filters-box no-print" data-open-on-wide>' in html


def test_all_days_stay_one_click_away_during_the_conference(client, conference):
    make_programme(conference)
    with time_machine.travel(at(21, 8, 30), tick=False):
        response = _programme(client, conference, day="")
    assert len(response.context["days"]) == 2


def test_outside_the_conference_nothing_changes(client, conference):
    make_programme(conference)
    with time_machine.travel(at(19, 12), tick=False):
        response = _programme(client, conference)
    html = response.content.decode()
    assert len(response.context["days"]) == 2
    assert response.context["strip"] == []
    assert 'id="now-next"' not in html
    assert "Show all days" not in html


def test_the_conference_page_shows_the_strip_during_the_conference(client, conference):
    make_programme(conference)
    url = reverse("events:conference", kwargs={"conference": conference.slug})
    with time_machine.travel(at(20, 16, 50), tick=False):
        during = client.get(url).content.decode()
    with time_machine.travel(at(23, 12), tick=False):
        after = client.get(url).content.decode()
    assert during.count('class="now-next__item"') == 3
    assert "Side event 0" in during
    assert 'id="now-next"' in during
    assert 'id="now-next"' not in after
