"""The staff dashboard and the closed registration page in a real browser.

Screenshots at 360 px and 1280 px, in English and Russian, go to test-artifacts/;
no horizontal scroll, no serious or critical axe violation.
"""

import datetime as dt

import pytest
from django.conf import settings as django_settings

from tests.browser import ARTIFACTS, axe_violations
from tests.registration.factories import InvitationFactory, RegistrationSettingsFactory
from tests.registration.test_dashboard import known_conference  # noqa: F401 -- fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 1280)


def _look(page, url: str, name: str) -> dict:
    """Screenshots at both widths; what overflows, what axe finds, small targets."""
    ARTIFACTS.mkdir(exist_ok=True)
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 780 if width == 360 else 900})
        response = page.goto(url)
        assert response.status == 200, url
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        small = page.evaluate(
            """() => [...document.querySelectorAll('main a, main button')]
                .filter(e => e.offsetParent !== null)
                .map(e => e.getBoundingClientRect())
                .filter(r => r.height < 24 && r.width < 24).length"""
        )
        found[width] = {"overflow": max(overflow, 0), "small": small}
        found[f"axe-{width}"] = axe_violations(page)
    return found


def _logged_in(page, live_server, client, admin_user, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # "now" is moved; cookies not
    client.force_login(admin_user)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.parametrize("language", ["en", "ru"])
def test_staff_dashboard_looks_right(
    live_server,
    page,
    client,
    admin_user,
    settings,
    known_conference,  # noqa: F811
    language,
):
    _logged_in(page, live_server, client, admin_user, settings)
    url = f"{live_server.url}/{language}/registration/staff/alliance-26/"

    found = _look(page, url, f"staff-dashboard-{language}")

    clean = {"overflow": 0, "small": 0}
    assert found == {360: clean, 1280: clean, "axe-360": [], "axe-1280": []}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_closed_registration_page_looks_right(
    live_server,
    page,
    before_the_conference,
    language,
):
    invitation = InvitationFactory(expires_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    RegistrationSettingsFactory(
        conference=invitation.conference, contact_email="atp@example.org"
    )
    before_the_conference.move_to(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC))
    url = f"{live_server.url}/{language}/registration/i/{invitation.token}/"

    found = _look(page, url, f"registration-closed-{language}")

    clean = {"overflow": 0, "small": 0}
    assert found == {360: clean, 1280: clean, "axe-360": [], "axe-1280": []}
    notice = page.locator("main .notice--closed")
    assert notice.get_by_role("link", name="atp@example.org").count() == 1
