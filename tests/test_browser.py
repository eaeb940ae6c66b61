"""The public site in a real browser: a visitor's walk, accessibility, small screens.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright; `playwright install`
is never needed. axe-core comes from npm (package.json at the project root). Without
a browser these tests skip and say why; under CI=true a missing browser fails.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from icalendar import Calendar

from events.models import Conference, Session
from events.releases import publish_programme_release
from events.services import save_session
from speakers.models import Participation
from tests import factories
from tests.browser import ARTIFACTS, BASE_DIR, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme(settings) -> dict:
    """Seed-like data: the fixtures when present, else factories shaped alike."""
    settings.PUBLIC_CACHE_ENABLED = False
    files = sorted(str(path) for path in (BASE_DIR / "fixtures").glob("*.json"))
    if files:
        call_command("loaddata", *files, verbosity=0)
    else:
        _factory_programme()
    conference = Conference.objects.published().order_by("-start_date").first()
    session = (
        Session.objects.published()
        .filter(
            conference=conference,
            kind=Session.Kind.SIDE_EVENT,
            participations__isnull=False,
        )
        .order_by("-start", "title")
        .distinct()
        .first()
    )
    participation = (
        Participation.objects.filter(session=session)
        .select_related("person")
        .order_by("order", "id")
        .first()
    )
    return {
        "conference": conference,
        "session": session,
        "person": participation.person,
    }


def _factory_programme() -> None:
    at = factories.VIENNA
    conference = factories.ConferenceFactory(
        slug="alliance-2026", title="26th Alliance conference"
    )
    factories.ConferenceFactory(
        slug="alliance-2016",
        title="16th Alliance conference",
        start_date="2016-04-11",
        end_date="2016-04-12",
    )
    import datetime as dt

    factories.SessionFactory(
        conference=conference,
        kind=Session.Kind.PLENARY,
        title="Panel 1",
        start=dt.datetime(2026, 4, 20, 14, 30, tzinfo=at),
        room__name="Neuer Saal",
    )
    for number, room in enumerate(["Bibliotheksaal", "Room 532"]):
        session = factories.SessionFactory(
            conference=conference,
            title=f"Side event on day 2, number {number}",
            start=dt.datetime(2026, 4, 21, 9, tzinfo=at),
            room__name=room,
        )
        factories.SessionOrganiserFactory(session=session)
        factories.ParticipationFactory(session=session, role="moderator")
        factories.ParticipationFactory(session=session)


def test_visitor_walks_from_home_to_a_speaker_and_switches_to_russian(
    live_server, page, programme
):
    conference, session, person = (
        programme["conference"],
        programme["session"],
        programme["person"],
    )
    day_two = conference.end_date.isoformat()

    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name=conference.title).first.click()
    assert page.locator("h1").inner_text() == conference.title

    page.locator("main").get_by_role("link", name="Programme", exact=True).click()
    page.get_by_label("Day", exact=True).select_option(day_two)
    page.get_by_role("button", name="Show").click()
    assert f"day={day_two}" in page.url
    page.wait_for_load_state()  # the new page's DOM, not the old one's, under load
    assert page.locator("section.day").count() == 1

    page.get_by_role("link", name=session.title, exact=True).click()
    assert page.locator("h1").inner_text() == session.title

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    ics = Path(download_info.value.path()).read_bytes()
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [session.title]

    page.locator("main .people").get_by_role(
        "link", name=person.full_name, exact=True
    ).first.click()
    assert page.locator("h1").inner_text() == person.full_name

    page.locator('a[hreflang="ru"]').click()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("main h2").first.inner_text() == "Заседания"
    assert page.get_by_role("link", name="Архив").count() == 1


def test_public_pages_have_no_serious_accessibility_violations(
    live_server, page, programme
):
    conference, session, person = (
        programme["conference"],
        programme["session"],
        programme["person"],
    )
    pages = {
        "home": conference.get_absolute_url(),
        "programme": f"/en/{conference.slug}/programme/",
        "session": session.get_absolute_url(),
        "speaker": person.get_absolute_url(),
        "archive": "/en/archive/",
    }
    found = {}
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        found[name] = axe_violations(page)

    assert found == {name: [] for name in pages}


def test_programme_fits_small_and_large_screens(live_server, page, programme):
    ARTIFACTS.mkdir(exist_ok=True)
    url = f"{live_server.url}/en/{programme['conference'].slug}/programme/"
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(url)
        page.screenshot(path=str(ARTIFACTS / f"programme-{width}.png"), full_page=True)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"horizontal scroll at {width}px"

    page.emulate_media(media="print")
    assert page.locator(".main-nav").is_hidden()
    assert page.locator("form.filters").is_hidden()


def test_russian_pages_fit_both_screens_and_pass_axe(live_server, page, programme):
    """The programme, a session and the home page in Russian, at phone and desk size."""
    ARTIFACTS.mkdir(exist_ok=True)
    conference, session = programme["conference"], programme["session"]
    pages = {
        "home": f"/ru/{conference.slug}/",
        "programme": f"/ru/{conference.slug}/programme/",
        "session": f"/ru/{conference.slug}/sessions/{session.slug}/",
    }
    found = {}
    for name, path in pages.items():
        for width, height in ((360, 780), (1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            page.screenshot(
                path=str(ARTIFACTS / f"ru-{name}-{width}.png"), full_page=True
            )
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"horizontal scroll on {path} at {width}px"
        found[name] = axe_violations(page)
        assert page.locator("html").get_attribute("lang") == "ru"

    assert found == {name: [] for name in pages}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_calendar_feeds_fit_small_and_large_screens(
    live_server, page, programme, language
):
    """The feeds index and the programme's feed links: no scroll, big targets, axe."""
    ARTIFACTS.mkdir(exist_ok=True)
    slug = programme["conference"].slug
    publish_programme_release(programme["conference"], note="First programme")
    session = programme["session"]
    session.start += timedelta(hours=1)
    session.end += timedelta(hours=1)
    save_session(session)
    publish_programme_release(programme["conference"], note="A session moved")
    for name, path in {
        "changes": f"/{language}/{slug}/changes/",
        "feeds": f"/{language}/{slug}/feeds/",
        "programme-feeds": f"/{language}/{slug}/programme/",
    }.items():
        for width, height in ((360, 780), (1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            page.screenshot(
                path=str(ARTIFACTS / f"{name}-{language}-{width}.png"),
                full_page=name != "programme-feeds",
            )
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"horizontal scroll on {path} at {width}px"
            if name == "changes":
                continue
            heights = page.eval_on_selector_all(
                ".feed-links a", "links => links.map(a => a.offsetHeight)"
            )
            assert heights, path
            assert min(heights) >= 24, path
        assert axe_violations(page) == [], path
