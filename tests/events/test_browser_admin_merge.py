"""The merge of duplicate organisations in the admin, in Chromium."""

import os

import pytest
from django.conf import settings as django_settings
from django.test import Client

from events.models import Organisation
from tests import factories
from tests.browser import ARTIFACTS, axe_violations

# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# fixtures here are plain synchronous ones.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _geometry(page) -> dict:
    return page.evaluate(
        """() => ({
            scroll: document.documentElement.scrollWidth > window.innerWidth,
            small: [...document.querySelectorAll('#content button, #content input')]
              .filter(e => e.type !== 'hidden')
              .map(e => e.getBoundingClientRect())
              .filter(r => r.width > 0 && (r.width < 24 || r.height < 24)).length,
        })"""
    )


def test_merging_two_organisations_in_the_admin(page, live_server, admin_user):
    ARTIFACTS.mkdir(exist_ok=True)
    keep = factories.OrganisationFactory(name="Council of Europe", short_name="CoE")
    duplicate = factories.OrganisationFactory(name="Council of Europe (CoE)")
    factories.SessionOrganiserFactory(organisation=duplicate)
    factories.PersonFactory(organisation=duplicate)
    client = Client()
    client.force_login(admin_user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )
    for language in ("ru", "en"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/{language}/admin/events/organisation/")
        page.locator("#action-toggle").check()
        page.select_option("select[name=action]", "merge_selected")
        page.locator("button[name=index]").click()
        page.wait_for_selector("table.merge-table")
        for width, height in ((360, 780), (1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(
                path=ARTIFACTS / f"admin-merge-organisations-{language}-{width}.png",
                full_page=True,
            )
            assert _geometry(page) == {"scroll": False, "small": 0}
            assert axe_violations(page) == []
    page.check(f"#keep-{keep.pk}")
    page.locator(".merge-actions button").click()
    page.wait_for_selector(".messagelist")
    assert list(Organisation.objects.all()) == [keep]
