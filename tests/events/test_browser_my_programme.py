"""My programme in a browser: stars on the programme and a session page, the page
that shows them, and the calendar link made, updated and deleted from it."""

import os

import pytest
from django.core.management import call_command

from events.models import Selection, Session
from tests.browser import BASE_DIR
from tests.browser_checks import VIEWPORTS, check_page

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONFERENCE = "alliance-2026"
SIDE_EVENT = "human-cost-of-crime"
WORDS = {
    "en": ("Add “{}” to My programme", "Add to My programme"),
    "ru": ("Добавить «{}» в мою программу", "Добавить в мою программу"),
}


@pytest.fixture
def seeded(settings):
    settings.PUBLIC_CACHE_ENABLED = True  # the pages are the cached copies
    files = sorted(str(path) for path in (BASE_DIR / "fixtures").glob("*.json"))
    call_command("loaddata", *files, verbosity=0)


def shoot(page, name: str) -> dict[str, list]:
    found = {}
    for label, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        found[label] = check_page(page, f"my-programme-{name}-{width}")
    return found


def visible_titles(page) -> list[str]:
    return page.locator("article[data-my-session]:visible h3").all_inner_texts()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_starred_sessions_make_my_programme_and_its_calendar(
    live_server, page, seeded, language
):
    add, short = WORDS[language]
    base = f"{live_server.url}/{language}/{CONFERENCE}"
    sessions = Session.objects.filter(conference__slug=CONFERENCE).order_by("start")
    opening, plenary = list(sessions.exclude(slug=SIDE_EVENT)[:2])
    side_event = sessions.get(slug=SIDE_EVENT)
    with_language = {
        session.pk: getattr(session, f"title_{language}") or session.title_en
        for session in (opening, plenary, side_event)
    }

    page.goto(f"{base}/programme/?day=")
    stars = page.locator("article[data-star] button.star")
    assert stars.count() == sessions.filter(is_published=True).count()
    star = page.get_by_role("button", name=add.format(with_language[opening.pk]))
    assert star.get_attribute("aria-pressed") == "false"
    star.click()
    page.get_by_role("button", name=add.format(with_language[plenary.pk])).click()
    assert star.get_attribute("aria-pressed") == "true"
    assert page.locator("button.star[aria-pressed=true]").count() == 2
    programme_problems = shoot(page, f"{language}-programme")

    page.goto(f"{base}/sessions/{SIDE_EVENT}/")
    own = page.get_by_role("button", name=short, exact=True)
    own.click()
    assert own.get_attribute("aria-pressed") == "true"
    session_problems = shoot(page, f"{language}-session")

    page.goto(f"{base}/my-programme/")
    assert visible_titles(page) == [
        with_language[pk] for pk in (opening.pk, plenary.pk, side_event.pk)
    ]
    assert page.locator("[data-my-empty]").is_hidden()
    page.locator("[data-subscribe-create]").click()
    webcal = page.locator("[data-subscribe-webcal]")
    webcal.wait_for()
    stored = Selection.objects.get()
    assert stored.session_ids == [opening.pk, plenary.pk, side_event.pk]
    feed_url = page.locator("[data-subscribe-url]").input_value()
    assert webcal.get_attribute("href") == "webcal://" + feed_url.split("://")[1]
    feed = page.request.get(feed_url)
    assert feed.status == 200
    assert feed.text().count("BEGIN:VEVENT") == 3
    my_problems = shoot(page, f"{language}-my-programme")

    # Un-star one here, then bring the calendar in line; then delete it.
    page.get_by_role("button", name=add.format(with_language[plenary.pk])).click()
    assert page.locator("[data-subscribe-update]").is_visible()
    page.locator("[data-subscribe-update]").click()
    page.locator("[data-subscribe-update]").wait_for(state="hidden")
    stored.refresh_from_db()
    assert stored.session_ids == [opening.pk, side_event.pk]
    page.locator("[data-subscribe-delete]").click()
    page.locator("[data-subscribe-new]").wait_for()
    assert Selection.objects.count() == 0
    page.reload()
    assert visible_titles(page) == [
        with_language[opening.pk],
        with_language[side_event.pk],
    ]

    assert programme_problems == {"phone": [], "desktop": []}
    assert session_problems == {"phone": [], "desktop": []}
    assert my_problems == {"phone": [], "desktop": []}


def test_without_javascript_no_star_shows_and_the_page_says_why(
    live_server, browser, seeded
):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/{CONFERENCE}/programme/?day=")
        assert page.locator("button.star").count() == 0
        assert page.locator("article[data-star]").count() > 0
        page.goto(f"{live_server.url}/en/{CONFERENCE}/my-programme/")
        assert "needs JavaScript" in page.locator("main").inner_text()
        assert page.locator("article[data-my-session]:visible").count() == 0
    finally:
        context.close()


def test_my_programme_opens_offline_once_loaded(live_server, page, seeded):
    base = f"{live_server.url}/en/{CONFERENCE}"
    page.goto(f"{base}/programme/?day=")
    page.locator("button.star").first.click()
    page.goto(f"{base}/my-programme/")
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()  # now under the worker, which keeps a copy
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.reload()

    page.context.set_offline(True)
    try:
        page.reload()
        assert len(visible_titles(page)) == 1
    finally:
        page.context.set_offline(False)
