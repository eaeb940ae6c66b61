"""The invitee's pages on a phone and a desktop, in English and Russian (issue 12)."""

import pytest

from registration.models import Registration
from tests.browser_checks import VIEWPORTS, check_page
from tests.factories import ConferenceFactory, RoomFactory, SessionFactory
from tests.registration.factories import InvitationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def invitation(settings):
    settings.PUBLIC_CACHE_ENABLED = False
    settings.RATELIMIT_ENABLE = False
    conference = ConferenceFactory(slug="alliance-2026")
    for number, title in enumerate(
        [
            "Cyber-scam compounds: forced criminality in South-East Asia and beyond",
            "Protecting victims compelled to commit crimes: "
            "the non-punishment principle",
            "Financial investigations against trafficking for forced criminality",
        ]
    ):
        SessionFactory(
            conference=conference,
            title=title,
            room=RoomFactory(name=f"Segmentgalerie {number + 1}", order=number),
        )
    SessionFactory(
        conference=conference,
        title="Technology and trafficking: the online recruitment of victims",
        start=conference.sessions.first().start.replace(day=21, hour=9),
    )
    return InvitationFactory(conference=conference, name="Anna Berger")


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_registration_pages_work_on_a_phone(
    live_server,
    page,
    invitation,
    language,
    viewport,
):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    url = f"{live_server.url}/{language}/registration/i/{invitation.token}/"
    found = {}

    page.goto(url)
    found["blank"] = check_page(page, f"register-blank-{language}-{width}")

    page.locator("#id_given_name").fill("")
    page.locator("form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    found["errors"] = check_page(page, f"register-errors-{language}-{width}")

    page.locator("#id_given_name").fill("Anna")
    page.locator("label.choice", has_text="non-punishment").click()
    page.locator("#id_consent").check()
    page.locator("form button[type=submit]").click()
    page.wait_for_selector(".registrations")
    found["confirmed"] = check_page(page, f"register-confirmed-{language}-{width}")
    registration = Registration.objects.get()
    assert [s.title for s in registration.sessions.all()] == [
        "Protecting victims compelled to commit crimes: the non-punishment principle"
    ]

    page.goto(f"{url}{registration.pk}/change/")
    found["change"] = check_page(page, f"register-change-{language}-{width}")
    page.goto(f"{url}{registration.pk}/cancel/")
    found["cancel"] = check_page(page, f"register-cancel-{language}-{width}")
    page.goto(f"{url}decline/")
    found["decline"] = check_page(page, f"register-decline-{language}-{width}")

    assert found == {name: [] for name in found}
