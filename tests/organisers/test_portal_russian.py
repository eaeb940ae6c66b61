"""The portal edits the English and the Russian content; the diff shows both."""

import datetime as dt

import pytest
import time_machine

from organisers import services
from organisers.links import issue_access_token
from organisers.models import PendingEdit, PortalSettings
from organisers.snapshots import snapshot_lines
from tests import factories
from tests.html_forms import submitted_form

pytestmark = pytest.mark.django_db

BEFORE = dt.datetime(2026, 4, 1, 10, tzinfo=factories.VIENNA)


@pytest.fixture(autouse=True)
def _early():
    with time_machine.travel(BEFORE, tick=False):
        yield


@pytest.fixture
def session():
    session = factories.SessionFactory(
        description_en="Old text", description_ru="Старый текст"
    )
    factories.SessionSectionFactory(
        session=session, title_en="Background", body_en="Why", title_ru="", body_ru=""
    )
    factories.AgendaItemFactory(session=session, title_en="Opening", title_ru="")
    return session


def portal_link(session, language="en") -> str:
    access = services.grant_access(session, email="org@example.org")
    return f"/{language}/organisers/session/{issue_access_token(access)}/"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_portal_edits_both_languages_whatever_the_page_language(
    client, session, language
):
    url = portal_link(session, language)
    form = submitted_form(client.get(url), "edit_form")
    assert form["description"] == ["Old text"]
    assert form["description_ru"] == ["Старый текст"]
    form["description_ru"] = ["Новый текст"]
    form["sections-0-title_ru"] = ["Предыстория"]
    form["sections-0-body_ru"] = ["Почему"]
    form["agenda-0-title_ru"] = ["Открытие"]
    form["participants-0-name"] = ["Anna Novak"]
    form["participants-0-position"] = ["Researcher"]
    form["participants-0-position_ru"] = ["Исследователь"]

    assert client.post(url, form).status_code == 302

    session.refresh_from_db()
    section, item = session.sections.get(), session.agenda_items.get()
    person = session.participations.get().person
    assert (session.description_en, session.description_ru) == (
        "Old text",
        "Новый текст",
    )
    assert (section.title_en, section.title_ru, section.body_ru) == (
        "Background",
        "Предыстория",
        "Почему",
    )
    assert (item.title_en, item.title_ru) == ("Opening", "Открытие")
    assert (person.position_en, person.position_ru) == ("Researcher", "Исследователь")
    assert "Предыстория" in client.get(f"/ru{session.get_absolute_url()[3:]}").text


def test_the_russian_fields_are_optional_and_have_their_language(client, session):
    url = portal_link(session)
    page = client.get(url).text

    assert 'name="sections-0-title_ru"' in page
    assert page.count('lang="ru"') >= 5
    form = submitted_form(client.get(url), "edit_form")
    form["description_ru"] = [""]
    assert client.post(url, form).status_code == 302
    session.refresh_from_db()
    assert session.description_ru == ""


def test_the_diff_for_approval_shows_both_languages(
    client, admin_client, admin_user, session
):
    PortalSettings.objects.create(
        conference=session.conference, edits_need_approval=True
    )
    url = portal_link(session)
    form = submitted_form(client.get(url), "edit_form")
    form["description"] = ["New text"]
    form["description_ru"] = ["Новый текст"]
    form["sections-0-body_ru"] = ["Почему"]
    client.post(url, form)
    edit = PendingEdit.objects.get()

    page = admin_client.get(f"/en/admin/organisers/pendingedit/{edit.pk}/change/")

    text = page.content.decode()
    assert '<span class="removed">- Description (Russian): Старый текст</span>' in text
    assert '<span class="added">+ Description (Russian): Новый текст</span>' in text
    assert '<span class="added">+     Russian: Почему</span>' in text
    assert '<span class="added">+ Description: New text</span>' in text
    session.refresh_from_db()
    assert session.description_ru == "Старый текст"
    assert services.approve_edit(edit, by=admin_user)
    session.refresh_from_db()
    assert session.description_ru == "Новый текст"


def test_an_edit_stored_before_russian_content_still_reads_and_applies(session):
    old = {
        "description": "Text",
        "sections": [{"id": None, "title": "T", "body": "B"}],
        "agenda": [{"id": None, "title": "A", "description": ""}],
        "participants": [],
    }

    assert snapshot_lines(old)[:3] == [
        "Description: Text",
        "Concept note 1: T",
        "    B",
    ]
