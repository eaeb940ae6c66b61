"""Who has confirmed, on the session's and the conference's admin pages, in Chromium:
screenshots at both widths in both languages, the panel within the screen, axe."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from organisers.confirmations import ask_to_confirm
from organisers.models import SpeakerConfirmation
from tests import factories
from tests.browser import ARTIFACTS, AXE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )


def panel_violations(page) -> list[dict]:
    """Serious and critical axe findings inside the panel (the admin is Django's)."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """() => axe.run("#confirmation-summary", {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a",
                                            "wcag21aa", "wcag22aa"]}
        })"""
    )
    return [
        {"id": v["id"], "impact": v["impact"]}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_staff_see_who_has_confirmed(live_server, page, admin_user):
    session = factories.SessionFactory(title="Launch of the study")
    for given, status in (("Anna", "confirmed"), ("Boris", "declined")):
        participation = factories.ParticipationFactory(
            session=session, person__given_name=given, person__family_name="Berger"
        )
        ask_to_confirm(participation, email="p@example.org")
        SpeakerConfirmation.objects.filter(participation=participation).update(
            status=status
        )
    factories.ParticipationFactory(session=session, person__given_name="Clara")
    login(page, live_server, admin_user)
    ARTIFACTS.mkdir(exist_ok=True)
    pages = {
        "session": f"/admin/events/session/{session.pk}/change/",
        "conference": f"/admin/events/conference/{session.conference_id}/change/",
    }
    for name, path in pages.items():
        for language in ("en", "ru"):
            for width, height in ((360, 780), (1280, 900)):
                page.set_viewport_size({"width": width, "height": height})
                page.goto(f"{live_server.url}/{language}{path}")
                panel = page.locator("#confirmation-summary")
                panel.scroll_into_view_if_needed()
                panel.screenshot(
                    path=str(
                        ARTIFACTS / f"admin-confirmed-{name}-{language}-{width}.png"
                    )
                )
                box = panel.bounding_box()
                assert box["x"] >= 0
                assert box["x"] + box["width"] <= width + 1, f"{name} {width}"
                assert panel.locator("tbody tr").count() == 4
            rows = panel.locator("tbody tr").all_inner_texts()
            assert "1" in rows[0]
            assert "Anna" in rows[0]
            assert "Boris" in rows[1]
            assert "Clara" in rows[3]
            assert panel_violations(page) == []
