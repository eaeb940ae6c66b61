"""The banner and the e-mail list in Chromium: both widths, both languages, axe.

The banner must sit within the screen with its links large enough to tap; axe
checks the banner and the list's own parts (the rest of the admin is Django's).
"""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from outbox.models import Email
from tests.browser import ARTIFACTS, AXE
from tests.outbox.factories import EmailFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )


def violations(page, selector: str) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """(selector) => axe.run(selector, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a",
                                            "wcag21aa", "wcag22aa"]}
        })""",
        selector,
    )
    return [
        {"id": v["id"], "nodes": [node["target"] for node in v["nodes"]]}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def trouble():
    """Two failing e-mails and one given up, among sent ones."""
    EmailFactory(
        state=Email.State.FAILING,
        kind="confirmation",
        attempts=3,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    EmailFactory(
        state=Email.State.FAILING,
        kind="invitation",
        attempts=1,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    EmailFactory(
        state=Email.State.GIVEN_UP,
        kind="offer",
        attempts=21,
        last_error="SMTPRecipientsRefused: {'x@example.org': (550, b'No such user')}",
    )
    EmailFactory.create_batch(2, state=Email.State.SENT)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_banner_and_the_email_list_look_right(
    live_server, page, admin_user, trouble, language
):
    login(page, live_server, admin_user)
    ARTIFACTS.mkdir(exist_ok=True)
    pages = {
        "admin-email-banner": f"/{language}/admin/",
        "admin-email-list": f"/{language}/admin/outbox/email/?state__exact=given_up",
    }
    for name, path in pages.items():
        for width, height in ((360, 780), (1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{live_server.url}{path}")
            page.screenshot(
                path=str(ARTIFACTS / f"{name}-{language}-{width}.png"), full_page=True
            )
            banner = page.locator("#email-trouble")
            box = banner.bounding_box()
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= width + 1, f"{name} {width}"
            links = banner.locator("a")
            assert links.count() == 2
            for link in links.all():
                assert link.bounding_box()["height"] >= 24
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"{name} {width} scrolls sideways"
        assert violations(page, "#email-trouble") == []
    button = page.locator("#resend-given-up")
    assert button.bounding_box()["height"] >= 24
    # the list's own parts; the filters' small links are Django's stock sidebar
    assert violations(page, "#result_list") == []
    assert violations(page, ".object-tools") == []
