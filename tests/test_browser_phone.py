"""Public pages on a phone and a desktop, before and during the conference (issue 12).

The server's clock is frozen with time-machine, the browser's with Playwright's
``page.clock``, at the same moment: 21 April 2026, 13:50 in Vienna.
"""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from tests.browser import axe_violations
from tests.browser_checks import VIEWPORTS, check_page
from tests.test_browser import programme  # noqa: F401 -- the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIENNA = zoneinfo.ZoneInfo("Europe/Vienna")
DURING = dt.datetime(2026, 4, 21, 13, 50, tzinfo=VIENNA)
BEFORE = dt.datetime(2026, 3, 2, 10, 0, tzinfo=VIENNA)


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_public_pages_pass_the_phone_checks(
    live_server,
    page,
    programme,  # noqa: F811
    language,
    viewport,
):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    conference, session, person = (
        programme["conference"],
        programme["session"],
        programme["person"],
    )
    base = f"{live_server.url}/{language}"
    found = {}
    with time_machine.travel(BEFORE):
        page.clock.set_fixed_time(BEFORE)
        for name, path in {
            "home": f"/{conference.slug}/",
            "programme-before": f"/{conference.slug}/programme/",
            "session": session.get_absolute_url().removeprefix("/en"),
            "speaker": person.get_absolute_url().removeprefix("/en"),
        }.items():
            page.goto(base + path)
            found[name] = check_page(page, f"{name}-{language}-{width}")
        assert page.locator("#now-next").count() == 0
    assert found == {name: [] for name in found}


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_during_the_conference_the_first_screen_shows_now_and_next(
    live_server,
    page,
    programme,  # noqa: F811
    language,
    viewport,
):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    conference = programme["conference"]
    with time_machine.travel(DURING):
        page.clock.set_fixed_time(DURING)
        page.goto(f"{live_server.url}/{language}/{conference.slug}/programme/")
        strip = page.locator("#now-next")
        assert strip.is_visible()
        first_item = page.locator(".now-next__item:visible").first.bounding_box()
        assert first_item["y"] + first_item["height"] < height  # on the first screen
        assert page.locator(".now-next__item:visible .marker").count() >= 1
        # The server marks nothing (one page all day); the browser names the entry
        # to jump to and shows the link to it.
        assert page.locator("#now").count() == 1
        assert page.locator("[data-jump-now]").is_visible()
        assert page.locator("section.day").count() == 1
        filters = page.locator("details.filters-box")
        assert filters.evaluate("d => d.open") == (viewport == "desktop")
        finished = page.locator(".slot--finished")
        assert finished.count() >= 1
        assert finished.first.is_hidden()
        found = {
            "programme-during": check_page(page, f"programme-during-{language}-{width}")
        }
        page.locator(".fold-toggle").click()
        assert finished.first.is_visible()

        page.emulate_media(media="print")
        printed = page.evaluate(
            """() => [...document.querySelectorAll('main .online a[href]')]
                .filter((a) => a.offsetParent)
                .map((a) => getComputedStyle(a, '::after').content)"""
        )
        assert printed
        # Full addresses, also for the site's own sign-up pages.
        assert all(content.startswith('" <http') for content in printed), printed
        page.emulate_media(media="screen")

        page.goto(f"{live_server.url}/{language}/{conference.slug}/")
        assert page.locator("#now-next").is_visible()
        found["home-during"] = check_page(page, f"home-during-{language}-{width}")
    assert found == {name: [] for name in found}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_door_screen_shows_now_and_next_and_survives_a_dropped_network(
    live_server,
    page,
    programme,  # noqa: F811
    language,
):
    conference = programme["conference"]
    room = (
        conference.sessions.filter(start__date="2026-04-21", room__isnull=False)
        .order_by("start")
        .first()
        .room
    )
    page.set_viewport_size({"width": 1920, "height": 1080})
    with time_machine.travel(DURING):
        page.clock.set_fixed_time(DURING)
        base = f"{live_server.url}/{language}/{conference.slug}/screens/"
        page.goto(f"{base}{room.slug}/")
        assert page.locator("[data-clock]").inner_text() == "13:50"
        assert page.locator('.screen__item[data-state="now"]').count() == 1
        page.screenshot(path=f"test-artifacts/screen-room-{language}-1920.png")
        page.context.set_offline(True)
        page.evaluate("window.screenRefresh()")
        page.wait_for_timeout(500)
        assert page.locator('.screen__item[data-state="now"]').count() == 1
        page.context.set_offline(False)
        page.goto(base)
        assert page.locator('.screen__item[data-state="now"]').count() >= 1
        page.screenshot(path=f"test-artifacts/screen-foyer-{language}-1920.png")
        assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_staff_login_fits_a_phone(live_server, page, language, viewport):
    """Volunteers at the door sign in on their phones."""
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})

    page.goto(f"{live_server.url}/{language}/admin/login/")

    assert page.locator("input[name=username]").is_visible()
    assert check_page(page, f"staff-login-{language}-{width}") == []
