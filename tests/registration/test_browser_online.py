"""Following the conference online, on a phone and a desktop, in English and Russian.

The conference page and the programme link the one sign-up; the form ticks the
session it came from, keeps each checkbox beside its label, shows errors in the
reader's language, thanks, and says politely when it has closed.
"""

import datetime as dt

import pytest
import time_machine

from registration.models import OnlineParticipant
from tests.browser_checks import VIEWPORTS, check_page
from tests.factories import VIENNA, ConferenceFactory, SessionFactory
from tests.registration.factories import RegistrationSettingsFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLENARIES = [
    ("opening", "Opening", "Открытие", (20, 13, 30), (20, 14, 30)),
    (
        "panel-1",
        "Panel 1: Understanding trafficking for forced criminality",
        "Панель 1: Понимание торговли людьми в целях принудительной преступности",
        (20, 14, 30),
        (20, 16, 30),
    ),
    (
        "panel-2",
        "Panel 2: Identification and the non-punishment principle",
        "Панель 2: Выявление и принцип ненаказания",
        (21, 10, 15),
        (21, 12, 15),
    ),
    ("closing", "Closing", "Закрытие", (21, 17, 0), (21, 17, 15)),
]


def at(day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, minute, tzinfo=VIENNA)


@pytest.fixture
def conference(settings):
    settings.PUBLIC_CACHE_ENABLED = False
    settings.RATELIMIT_ENABLE = False
    conference = ConferenceFactory(
        slug="alliance-2026",
        title="26th Alliance against Trafficking in Persons Conference",
        title_ru="26-я конференция Альянса против торговли людьми",
    )
    RegistrationSettingsFactory(
        conference=conference, contact_email="info-cthb@osce.org"
    )
    for slug, title, title_ru, start, end in PLENARIES:
        SessionFactory(
            conference=conference,
            kind="plenary",
            slug=slug,
            title=title,
            title_ru=title_ru,
            start=at(*start),
            end=at(*end),
            room=None,
            online_link_on_registration=True,
            online_meeting_id="",
            online_passcode="",
        )
    return conference


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_following_the_conference_online(
    live_server, page, conference, language, viewport
):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    base = f"{live_server.url}/{language}"
    found = {}

    page.goto(f"{base}/alliance-2026/")
    found["conference"] = check_page(page, f"online-conference-{language}-{width}")
    follow = page.locator("a.button[href$='/registration/online/alliance-2026/']")
    assert follow.count() == 1

    page.goto(f"{base}/alliance-2026/programme/")
    found["programme"] = check_page(page, f"online-programme-{language}-{width}")
    page.locator("a[href$='?session=panel-1']").first.click()
    page.wait_for_selector("form input[name=sessions]")
    checked = page.locator("input[name=sessions]:checked")
    assert checked.count() == 1
    found["form"] = check_page(page, f"online-signup-form-{language}-{width}")

    page.locator("#id_name").fill("")
    page.locator("form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    found["errors"] = check_page(page, f"online-signup-errors-{language}-{width}")

    page.locator("#id_name").fill("Anna Berger")
    page.locator("#id_email").fill("anna@example.org")
    page.locator(
        "label.choice", has_text="Closing" if language == "en" else "Закрытие"
    ).click()
    page.locator("#id_consent").check()
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("text=anna@example.org")
    found["done"] = check_page(page, f"online-signup-done-{language}-{width}")
    participant = OnlineParticipant.objects.get()
    assert sorted(s.slug for s in participant.sessions.all()) == ["closing", "panel-1"]

    with time_machine.travel(at(21, 18, 0), tick=True):
        page.goto(f"{base}/registration/online/alliance-2026/")
        found["closed"] = check_page(page, f"online-signup-closed-{language}-{width}")
        assert page.locator("a[href='mailto:info-cthb@osce.org']").count() >= 1
        assert page.locator("main form").count() == 0

    assert found == {name: [] for name in found}
