"""The organiser portal and the speaker's page in Chromium: both approval modes,
another session's link refused, a speaker confirming; screenshots, axe, geometry."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import Session
from organisers import services
from organisers.confirmations import ask_to_confirm
from organisers.links import issue_access_token, issue_confirmation_token
from organisers.models import PendingEdit, PortalSettings
from tests import factories
from tests.browser import ARTIFACTS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(360, 780), (1280, 900)]


@pytest.fixture
def session(settings):
    settings.PUBLIC_CACHE_ENABLED = False
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=30)
    conference = factories.ConferenceFactory(
        start_date=start.date(), end_date=start.date() + dt.timedelta(days=1)
    )
    session = factories.SessionFactory(
        conference=conference, start=start, title="Launch of the study"
    )
    factories.SessionSectionFactory(session=session, title="Background", body="Why")
    factories.ParticipationFactory(
        session=session,
        person__given_name="Anna",
        person__family_name="Berger",
        to_be_confirmed=True,
    )
    return session


def portal_path(session, language="en") -> str:
    access = services.grant_access(session, email="org@example.org")
    return f"/{language}/organisers/session/{issue_access_token(access)}/"


def check_layout(page, name: str) -> None:
    """No horizontal scroll, checkboxes beside their labels, targets of 24 px."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0, f"horizontal scroll on {name}"
    beside = page.evaluate(
        """() => [...document.querySelectorAll('main input[type=checkbox]')]
          .map(box => {
            const label = document.querySelector(`label[for="${box.id}"]`);
            const a = box.getBoundingClientRect(), b = label.getBoundingClientRect();
            return Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < 16
                && b.left >= a.right - 1;
        })"""
    )
    assert all(beside), f"a checkbox apart from its label on {name}"
    small = page.evaluate(
        """() => [...document.querySelectorAll(
                'main button, main input:not([type=hidden]), main select')]
            .filter(e => e.getBoundingClientRect().height < 24)
            .map(e => e.name || e.tagName)"""
    )
    assert small == [], f"targets under 24 px on {name}"


def shoot(page, live_server, path: str, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for language in ("en", "ru"):
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(
                live_server.url + path.replace("/en/", f"/{language}/")
            )
            assert response.status == 200
            page.screenshot(
                path=str(ARTIFACTS / f"{name}-{language}-{width}.png"), full_page=True
            )
            check_layout(page, f"{name} {language} {width}")
        assert axe_violations(page) == [], f"{name} {language}"


def test_organiser_publishes_at_once(live_server, page, session):
    path = portal_path(session)
    shoot(page, live_server, path, "organiser-portal")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + path)

    page.fill("#id_description", "Rewritten by the organiser")
    page.check("#id_participants-0-joins_online")
    page.click("#edit_form button[type=submit]")

    assert page.locator(".messages").inner_text() == "Your changes are published."
    page.goto(live_server.url + session.get_absolute_url())
    assert "Rewritten by the organiser" in page.locator("main").inner_text()


def test_organiser_edit_waits_for_approval(live_server, page, session):
    PortalSettings.objects.create(
        conference=session.conference, edits_need_approval=True
    )
    page.goto(live_server.url + portal_path(session))

    page.fill("#id_description", "Waiting text")
    page.click("#edit_form button[type=submit]")

    assert page.locator(".messages").inner_text() == (
        "Your changes wait for the secretariat's approval."
    )
    assert PendingEdit.objects.get().after["description"] == "Waiting text"
    assert Session.objects.get(pk=session.pk).description == session.description


def test_another_session_s_link_is_refused(live_server, page, session):
    other = factories.SessionFactory(title="Someone else's side event")
    response = page.goto(live_server.url + portal_path(session))
    own = page.locator("main").inner_text()
    refused = page.goto(
        f"{live_server.url}/en/organisers/session/{other.pk}-not-a-token/"
    )

    assert response.status == 200
    assert other.title not in own
    assert refused.status == 404


def test_speaker_confirms_and_tbc_goes_from_the_public_page(live_server, page, session):
    participation = session.participations.get()
    confirmation = ask_to_confirm(participation, email="anna@example.org")
    path = f"/en/organisers/speaker/{issue_confirmation_token(confirmation)}/"
    shoot(page, live_server, path, "speaker-confirm")
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(live_server.url + session.get_absolute_url())
    assert "to be confirmed" in page.locator("main").inner_text()

    page.goto(live_server.url + path)
    page.check("input[name=answer][value=confirm]")
    page.click("#confirm_form button[type=submit]")
    assert page.locator(".messages").inner_text() == "Thank you: your answer is saved."

    page.goto(live_server.url + session.get_absolute_url())
    assert "to be confirmed" not in page.locator("main").inner_text()
