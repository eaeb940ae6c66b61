"""My programme's page and its calendar feed, which follows later changes."""

import datetime as dt
import json
import re

import pytest
from django.core.cache import caches
from icalendar import Calendar
from rest_framework.test import APIClient

from events.ical import session_guid
from events.releases import publish_programme_release
from events.services import delete_from_programme, save_session
from tests import factories
from tests.events.test_ical_clients import read_with_ical_js

pytestmark = pytest.mark.django_db

VIENNA = factories.VIENNA


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    caches["ratelimit"].clear()


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, minute, tzinfo=VIENNA)


@pytest.fixture
def conference():
    return factories.ConferenceFactory(slug="alliance-26", title="26th Alliance")


@pytest.fixture
def sessions(conference):
    return [
        factories.SessionFactory(
            conference=conference, slug="opening", title="Opening", start=at(20, 9)
        ),
        factories.SessionFactory(
            conference=conference, slug="launch", title="Launch", start=at(20, 16, 45)
        ),
        factories.SessionFactory(
            conference=conference, slug="closing", title="Closing", start=at(21, 17)
        ),
    ]


def subscribe(ids, conference="alliance-26") -> dict:
    response = APIClient().post(
        "/api/v1/selections/",
        {"conference": conference, "sessions": list(ids)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def feed_path(selection: dict) -> str:
    return selection["feed_url"].removeprefix("http://testserver")


def events_of(response) -> dict[str, dict]:
    calendar = Calendar.from_ical(response.content)
    return {
        str(event["UID"]): {
            "summary": str(event["SUMMARY"]),
            "start": event.decoded("DTSTART"),
            "sequence": int(event["SEQUENCE"]),
            "status": str(event["STATUS"]),
        }
        for event in calendar.walk("VEVENT")
    }


def uid(session) -> str:
    return f"{session_guid(session)}@alliance"


def test_the_feed_has_exactly_the_selected_sessions(client, sessions):
    selection = subscribe([sessions[2].pk, sessions[0].pk])

    response = client.get(feed_path(selection))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=300"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "26th Alliance – My programme"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Vienna"]
    assert events_of(response) == {
        uid(sessions[0]): {
            "summary": "Opening",
            "start": at(20, 9),
            "sequence": 0,
            "status": "CONFIRMED",
        },
        uid(sessions[2]): {
            "summary": "Closing",
            "start": at(21, 17),
            "sequence": 0,
            "status": "CONFIRMED",
        },
    }


def test_the_feed_is_in_the_language_asked_for(client, sessions):
    sessions[0].title_ru = "Открытие"
    save_session(sessions[0])
    selection = subscribe([sessions[0].pk])

    response = client.get(feed_path(selection) + "?lang=ru")

    assert response["Content-Language"] == "ru"
    assert [e["summary"] for e in events_of(response).values()] == ["Открытие"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "26th Alliance – Моя программа"


def test_the_feed_follows_a_session_that_moves(client, sessions):
    selection = subscribe([sessions[1].pk])
    first = client.get(feed_path(selection))
    unchanged = client.get(feed_path(selection), HTTP_IF_NONE_MATCH=first["ETag"])

    sessions[1].start, sessions[1].end = at(21, 10), at(21, 11)
    save_session(sessions[1])
    moved = client.get(feed_path(selection), HTTP_IF_NONE_MATCH=first["ETag"])

    assert unchanged.status_code == 304
    assert moved.status_code == 200
    assert moved["ETag"] != first["ETag"]
    assert events_of(first)[uid(sessions[1])]["start"] == at(20, 16, 45)
    event = events_of(moved)[uid(sessions[1])]
    assert (event["start"], event["sequence"]) == (at(21, 10), 1)


def test_the_feed_follows_a_changed_selection_even_from_the_page_cache(
    client, sessions, settings
):
    settings.PUBLIC_CACHE_ENABLED = True
    selection = subscribe([sessions[0].pk])
    first = client.get(feed_path(selection))

    APIClient().put(
        f"/api/v1/selections/{selection['id']}/",
        {"sessions": [sessions[0].pk, sessions[1].pk]},
        format="json",
    )
    second = client.get(feed_path(selection), HTTP_IF_NONE_MATCH=first["ETag"])

    assert "X-Cache" not in second
    assert second.status_code == 200
    assert set(events_of(second)) == {uid(sessions[0]), uid(sessions[1])}


def test_a_cancelled_session_stays_in_the_feed_marked_cancelled(client, sessions):
    publish_programme_release(sessions[0].conference)
    selection = subscribe([s.pk for s in sessions])
    sessions[0].is_published = False
    save_session(sessions[0])
    deleted_uid = uid(sessions[1])
    delete_from_programme([sessions[1]])
    unversioned = factories.SessionFactory(conference=sessions[0].conference)
    selection_2 = subscribe([unversioned.pk])
    delete_from_programme([unversioned])

    events = events_of(client.get(feed_path(selection)))
    gone = events_of(client.get(feed_path(selection_2)))

    assert events == {
        uid(sessions[0]): {
            "summary": "Opening",
            "start": at(20, 9),
            "sequence": 1,
            "status": "CANCELLED",
        },
        deleted_uid: {
            "summary": "Launch",
            "start": at(20, 16, 45),
            "sequence": 1,
            "status": "CANCELLED",
        },
        uid(sessions[2]): {
            "summary": "Closing",
            "start": at(21, 17),
            "sequence": 0,
            "status": "CONFIRMED",
        },
    }
    # Deleted before any published version showed it: nothing to place it by.
    assert gone == {}


def test_unknown_keys_and_other_conferences_are_404(client, sessions):
    factories.ConferenceFactory(slug="other")
    selection = subscribe([sessions[0].pk])

    assert client.get("/feeds/alliance-26/my/" + "x" * 22 + ".ics").status_code == 404
    other = feed_path(selection).replace("alliance-26", "other")
    assert client.get(other).status_code == 404


def test_deleting_the_selection_removes_its_feed(client, sessions):
    selection = subscribe([sessions[0].pk])

    APIClient().delete(f"/api/v1/selections/{selection['id']}/")

    assert client.get(feed_path(selection)).status_code == 404


def test_ical_js_places_every_event_at_its_utc_moment(client, sessions, tmp_path):
    selection = subscribe([s.pk for s in sessions])
    path = tmp_path / "my.ics"
    path.write_bytes(client.get(feed_path(selection)).content)

    read = read_with_ical_js([path])[str(path)]

    assert sorted((e["uid"], e["start"], e["end"]) for e in read) == sorted(
        (
            uid(s),
            s.start.astimezone(dt.UTC).isoformat().replace("+00:00", ".000Z"),
            s.end.astimezone(dt.UTC).isoformat().replace("+00:00", ".000Z"),
        )
        for s in sessions
    )


def test_feed_queries_do_not_grow_with_the_selection(
    client, conference, django_assert_num_queries
):
    few = [factories.SessionFactory(conference=conference) for _ in range(2)]
    many = few + [factories.SessionFactory(conference=conference) for _ in range(30)]
    for session in many:
        factories.ParticipationFactory(session=session)
        factories.SessionOrganiserFactory(session=session)
    small, big = subscribe([s.pk for s in few]), subscribe([s.pk for s in many])

    client.get(feed_path(small))  # warm the programme version
    # The selection, the sessions, and their sections, organisers, agenda, people
    # and their organisations (events.selectors.with_feed_details).
    with django_assert_num_queries(7):
        assert client.get(feed_path(small)).status_code == 200
    with django_assert_num_queries(7):
        assert client.get(feed_path(big)).status_code == 200


# --- The page -------------------------------------------------------------------


def test_the_page_holds_every_published_session_hidden(client, sessions):
    factories.SessionFactory(
        conference=sessions[0].conference, title="Draft", is_published=False
    )

    response = client.get("/en/alliance-26/my-programme/")

    assert response.status_code == 200
    html = response.content.decode()
    entries = re.findall(r'<article [^>]*data-my-session="(\d+)" hidden>', html)
    assert entries == [str(s.pk) for s in sessions]
    assert "Draft" not in html
    assert html.count('<section class="day"') == 2
    assert 'data-api="/api/v1/selections/"' in html
    assert "events/my_programme.js" in html
    assert "All times are local time in Vienna (CEST, UTC+02:00)." in html


def test_the_page_is_the_same_for_everybody_and_cached(client, sessions, settings):
    settings.PUBLIC_CACHE_ENABLED = True
    first = client.get("/en/alliance-26/my-programme/")
    other = client.get("/en/alliance-26/my-programme/")
    # A visitor with some other site's cookie takes the whole stack, uncached,
    # and still gets the same bytes: the stars live in the browser.
    with_cookie = client.get(
        "/en/alliance-26/my-programme/", HTTP_COOKIE="alliance.my-programme=1"
    )

    assert first.content == other.content == with_cookie.content
    assert (first["X-Cache"], other["X-Cache"]) == ("MISS", "HIT")
    assert not first.cookies
    assert "Set-Cookie" not in first


def test_the_programme_and_session_pages_mark_sessions_for_stars_alike(
    client, sessions, settings
):
    settings.PUBLIC_CACHE_ENABLED = True
    programme = client.get("/en/alliance-26/programme/?day=")
    session = client.get("/ru/alliance-26/sessions/launch/")
    again = client.get("/ru/alliance-26/sessions/launch/")

    html = programme.content.decode()
    assert re.findall(r'data-star="(\d+)"', html) == [str(s.pk) for s in sessions]
    assert 'data-add="Add “{title}” to My programme"' in html
    assert 'href="/en/alliance-26/my-programme/"' in html
    page = session.content.decode()
    assert f'data-star="{sessions[1].pk}" data-star-title="Launch"' in page
    assert 'data-add="Добавить «{title}» в мою программу"' in page
    assert "events/stars.js" in page
    assert again["X-Cache"] == "HIT"
    assert again.content == session.content


def test_the_page_queries_do_not_grow_with_the_programme(
    client, conference, django_assert_max_num_queries
):
    for n in range(30):
        session = factories.SessionFactory(
            conference=conference, start=at(20, 9) + dt.timedelta(hours=n % 8)
        )
        factories.SessionOrganiserFactory(session=session)

    with django_assert_max_num_queries(8):
        assert client.get("/en/alliance-26/my-programme/").status_code == 200


def test_the_service_worker_is_served_under_the_page(client, sessions):
    response = client.get("/en/alliance-26/my-programme/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "/static/events/stars.js" in response.content.decode()
    assert client.get("/en/nope/my-programme/sw.js").status_code == 404


def test_the_api_answer_names_its_feeds(sessions):
    selection = subscribe([sessions[0].pk])

    assert json.dumps(selection["sessions"]) == f"[{sessions[0].pk}]"
    assert selection["webcal_url"].startswith(
        "webcal://testserver/feeds/alliance-26/my/"
    )
