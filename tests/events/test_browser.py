"""The admin's "Russian text" report of a conference in Chromium: English and Russian
admin, phone and desk widths, a refused file; screenshots, axe, geometry."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

from events.models import Conference
from tests.browser import ARTIFACTS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(360, 780), (1280, 900)]
FIXTURE = Path(django_settings.BASE_DIR) / "fixtures" / "alliance-2016.json"


@pytest.fixture
def conference(settings) -> Conference:
    settings.PUBLIC_CACHE_ENABLED = False
    call_command("loaddata", str(FIXTURE), verbosity=0)
    return Conference.objects.get(slug="alliance-2016")


def _login(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )


def _check(page, name: str) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0, f"horizontal scroll on {name}"
    small = page.evaluate(
        """() => [...document.querySelectorAll(
                '#content a, #content button, #content input:not([type=hidden])')]
            .filter(e => {
                const box = e.getBoundingClientRect();
                return box.width > 0 && box.height < 24 && box.width < 24;
            })
            .map(e => e.textContent.trim() || e.name || e.tagName)"""
    )
    assert small == [], f"targets under 24 px on {name}: {small}"


def _shoot(page, name: str) -> None:
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        _check(page, f"{name} {width}")
    assert axe_violations(page) == [], name


def test_the_russian_text_report(live_server, page, conference, admin_user):
    ARTIFACTS.mkdir(exist_ok=True)
    _login(page, live_server, admin_user)
    headings = {"en": "Lacking Russian", "ru": "Без русского текста"}
    refused = {"en": "translated file", "ru": "файл"}
    for language in ("en", "ru"):
        path = f"/{language}/admin/events/conference/{conference.pk}/translations/"
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        assert headings[language] in page.locator("#content thead").text_content()
        assert page.locator("#content tbody a").count() > 0
        _shoot(page, f"admin-russian-text-{language}")

        page.set_input_files(
            "#id_file",
            files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"}],
        )
        page.click("#content form button[type=submit]")
        assert page.locator(".errorlist").count() == 1
        assert refused[language] in page.locator("#content").text_content().lower()
        _shoot(page, f"admin-russian-text-refused-{language}")
