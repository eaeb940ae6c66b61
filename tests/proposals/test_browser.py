"""The proposal form in Chromium: a draft, reopened by its link, then submitted."""

import re

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail

from proposals.models import Proposal
from proposals.services import save_proposal
from tests import factories
from tests.browser import ARTIFACTS, axe_violations
from tests.proposals.conftest import CLOSES, content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CO_ORGANISERS = ["GAATW", "HEUNI", "Terre des hommes"]
SECTIONS = [
    ("Background", "Forced criminality is rising."),
    ("Objectives", "Share what works."),
    ("Expected outcomes", "Recommendations for States."),
    ("Format", "Panel, then questions."),
]
SPEAKERS = [
    ("Ms.", "Suzanne", "Hoff", "moderator"),
    ("Dr.", "Anna", "Berger", "keynote"),
    ("Mr.", "Ivan", "Petrov", "speaker"),
    ("Ms.", "Maria", "Rossi", "speaker"),
    ("Prof.", "Lena", "Kovac", "discussant"),
    ("Mr.", "Tom", "Hill", "rapporteur"),
]


def _geometry(page) -> dict:
    return page.evaluate(
        """() => ({
            scroll: document.documentElement.scrollWidth > window.innerWidth,
            small: [...document.querySelectorAll('button, input, select, textarea')]
              .filter(e => e.type !== 'hidden')
              .map(e => e.getBoundingClientRect())
              .filter(r => r.width > 0 && (r.width < 24 || r.height < 24)).length,
        })"""
    )


def test_a_proposal_through_the_form(page, live_server, call, run_worker, settings):
    settings.PUBLIC_CACHE_ENABLED = False
    ARTIFACTS.mkdir(exist_ok=True)
    for language in ("en", "ru"):
        for width, height in ((360, 780), (1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{live_server.url}/{language}/side-events/alliance-2026/")
            page.screenshot(
                path=ARTIFACTS / f"proposal-form-{language}-{width}.png",
                full_page=True,
            )
            assert _geometry(page) == {"scroll": False, "small": 0}
            assert axe_violations(page) == []
    consent = page.locator("#id_consent").bounding_box()
    label = page.locator("label[for=id_consent]").bounding_box()
    assert abs(consent["y"] - label["y"]) < 24
    assert label["x"] > consent["x"]

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/side-events/alliance-2026/")
    page.fill("#id_organisation", "La Strada International")
    for index, name in enumerate(CO_ORGANISERS):
        page.fill(f"#id_co_organisers-{index}-name", name)
    page.fill("#id_contact_name", "Suzanne Hoff")
    page.fill("#id_contact_email", "suzanne@example.org")
    page.fill("#id_title", "Forced criminality: survivors speak")
    for index, (title, body) in enumerate(SECTIONS):
        page.fill(f"#id_sections-{index}-title", title)
        page.fill(f"#id_sections-{index}-body", body)
    page.fill("#id_agenda-0-start", "16:45")
    page.fill("#id_agenda-0-title", "Opening")
    page.fill("#id_agenda-1-title", "Panel")
    for index, (honorific, given, family, role) in enumerate(SPEAKERS):
        page.fill(f"#id_speakers-{index}-honorific", honorific)
        page.fill(f"#id_speakers-{index}-given_name", given)
        page.fill(f"#id_speakers-{index}-family_name", family)
        page.select_option(f"#id_speakers-{index}-role", role)
    page.check("#id_speakers-5-online")
    page.check("#id_consent")
    page.click("button[name=draft]")
    page.wait_for_selector("text=is saved as a draft")

    run_worker()
    link = re.search(r"http://\S+/(en/side-events/p/\S+/)", mail.outbox[0].body)[1]
    page.goto(f"{live_server.url}/{link}")
    assert page.input_value("#id_co_organisers-2-name") == "Terre des hommes"
    assert page.input_value("#id_speakers-5-family_name") == "Hill"
    page.select_option("#id_first_slot", index=1)
    page.click("button[name=submit]")
    page.wait_for_selector("text=has been submitted")

    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.co_organisers == CO_ORGANISERS
    assert [(s["title"], s["body"]) for s in proposal.sections] == SECTIONS
    assert [a["title"] for a in proposal.agenda] == ["Opening", "Panel"]
    assert [
        (s["honorific"], s["given_name"], s["family_name"], s["role"])
        for s in proposal.speakers
    ] == SPEAKERS
    assert proposal.speakers[5]["online"] is True
    assert proposal.preferred_slots == [call.slots.first().pk]
    assert proposal.versions.count() == 2


def _login(page, live_server, user) -> None:
    """Give the browser a logged-in session cookie for this user."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )


def _look(page, name: str) -> None:
    """Screenshots at both widths, with geometry and axe checks, in both languages."""
    for width, height in ((360, 780), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.reload()
        page.screenshot(path=ARTIFACTS / f"{name}-{width}.png", full_page=True)
        page.screenshot(path=ARTIFACTS / f"{name}-{width}-top.png")
        assert _geometry(page)["scroll"] is False, name
        assert axe_violations(page) == [], name


def test_staff_pages_and_the_closed_call_look_right(
    page, live_server, call, rooms, admin_user, settings
):
    # A superuser: groups made by migrations do not outlive the flush between
    # transactional tests (the editors' permissions are tested in test_views.py).
    settings.PUBLIC_CACHE_ENABLED = False
    ARTIFACTS.mkdir(exist_ok=True)
    proposal, _ = save_proposal(
        call=call,
        content=content(preferred_slots=[call.slots.first().pk]),
        submit=True,
        language="en",
    )
    factories.SessionFactory(
        conference=call.conference,
        room=rooms[0],
        start=call.slots.first().start,
        end=call.slots.first().end,
        title="Already placed",
    )
    call.criteria.filter(name="Relevance to the theme").update(
        name_ru="Соответствие теме"
    )
    _login(page, live_server, admin_user)
    for language in ("en", "ru"):
        base = f"{live_server.url}/{language}/side-events/staff/alliance-2026/"
        page.goto(base)
        _look(page, f"proposals-staff-{language}")
        page.goto(f"{base}{proposal.pk}/")
        _look(page, f"proposals-review-{language}")
        expected = {"en": "Relevance to the theme", "ru": "Соответствие теме"}
        assert page.locator("label", has_text=expected[language]).count() == 1
        page.goto(f"{base}{proposal.pk}/decision/")
        _look(page, f"proposals-decision-{language}")
        taken = page.locator("td.taken").count()
        free = page.locator("input[name=place]").count()
        assert (taken, free) == (1, 5)
        page.goto(f"{live_server.url}/{language}/alliance-2026/")
        _look(page, f"conference-with-call-{language}")
    page.context.clear_cookies()
    with time_machine.travel(CLOSES, tick=False):
        page.goto(f"{live_server.url}/ru/side-events/alliance-2026/")
        _look(page, "proposal-closed-ru")


def test_the_link_again_page_looks_right(page, live_server, call, settings):
    settings.PUBLIC_CACHE_ENABLED = False
    ARTIFACTS.mkdir(exist_ok=True)
    for language in ("en", "ru"):
        page.goto(f"{live_server.url}/{language}/side-events/alliance-2026/")
        page.locator("a[href$='/side-events/alliance-2026/link/']").click()
        page.wait_for_url("**/side-events/alliance-2026/link/")
        _look(page, f"proposal-link-again-{language}")
        assert _geometry(page)["small"] == 0
        page.fill("#id_email", "nobody@example.org")
        page.locator(".p-actions button").click()
        page.wait_for_selector("p.notice[role=status]")
        page.screenshot(
            path=ARTIFACTS / f"proposal-link-again-sent-{language}-1280.png",
            full_page=True,
        )
        assert axe_violations(page) == []
