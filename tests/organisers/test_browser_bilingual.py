"""The portal in Chromium: English and Russian side by side (stacked on phones),
documents reordered and removed; screenshots, axe, geometry."""

import pytest

from events.models import Document
from tests import factories
from tests.organisers.test_browser import check_layout, portal_path, session, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["session"]  # the fixture, shared with the portal's other browser tests


def boxes(page, *selectors: str) -> list[dict]:
    return [page.locator(selector).bounding_box() for selector in selectors]


def test_russian_beside_english_and_documents_rearranged(live_server, page, session):
    for order, title in enumerate(["Flyer", "Summary report"]):
        factories.DocumentFactory(
            session=session, conference=session.conference, title=title, order=order
        )
    path = portal_path(session)
    shoot(page, live_server, path, "organiser-portal-bilingual")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + path)
    english, russian = boxes(page, "#id_sections-0-title", "#id_sections-0-title_ru")
    assert abs(english["y"] - russian["y"]) < 2
    assert russian["x"] > english["x"] + english["width"]
    page.set_viewport_size({"width": 360, "height": 780})
    english, russian = boxes(page, "#id_sections-0-title", "#id_sections-0-title_ru")
    assert russian["y"] > english["y"] + english["height"]
    check_layout(page, "portal stacked")

    page.fill("#id_sections-0-title_ru", "Предыстория")
    page.click("#edit_form button[type=submit]")
    assert page.locator(".messages").inner_text() == "Your changes are published."
    assert session.sections.get().title_ru == "Предыстория"

    page.fill("#id_documents-1-ORDER", "0")
    page.check("#id_documents-0-DELETE")
    page.click("#documents_form button[type=submit]")
    assert page.locator(".messages").inner_text() == (
        "The documents are reordered; 1 removed."
    )
    assert list(Document.objects.values_list("title", flat=True)) == ["Summary report"]
