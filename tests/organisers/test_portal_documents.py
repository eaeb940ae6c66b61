"""Organisers reorder and remove their session's documents through the portal."""

import datetime as dt

import pytest
import time_machine
from reversion.models import Version

from events.documents import arrange_documents
from events.models import Document
from organisers import services
from organisers.links import issue_access_token
from organisers.models import PortalSettings
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
    session = factories.SessionFactory(title="Launch")
    for order, title in enumerate(["Flyer", "Agenda", "Report"]):
        factories.DocumentFactory(
            session=session, conference=session.conference, title=title, order=order
        )
    return session


def portal_link(session) -> str:
    access = services.grant_access(session, email="org@example.org")
    return f"/en/organisers/session/{issue_access_token(access)}/"


def titles(session) -> list[str]:
    return list(session.documents.order_by("order").values_list("title", flat=True))


@pytest.mark.parametrize("needs_approval", [False, True])
def test_organiser_reorders_and_removes_documents_at_once(
    client, session, needs_approval, django_capture_on_commit_callbacks
):
    # Uploads go live in both modes, so removing and reordering do too.
    PortalSettings.objects.create(
        conference=session.conference, edits_need_approval=needs_approval
    )
    url = portal_link(session)
    form = submitted_form(client.get(url), "documents_form")
    form["documents-0-ORDER"] = ["3"]
    form["documents-2-ORDER"] = ["1"]
    form["documents-1-DELETE"] = ["on"]
    removed = Document.objects.get(title="Agenda")
    storage, name = removed.file.storage, removed.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form)

    assert response.status_code == 302
    assert titles(session) == ["Report", "Flyer"]
    assert not Document.objects.filter(pk=removed.pk).exists()
    assert not storage.exists(name)
    page = client.get(url).content.decode()
    assert "The documents are reordered; 1 removed." in page


def test_document_changes_are_in_the_history_with_the_organiser(client, session):
    url = portal_link(session)
    form = submitted_form(client.get(url), "documents_form")
    form["documents-0-ORDER"] = ["4"]

    client.post(url, form)

    flyer = Document.objects.get(title="Flyer")
    version = Version.objects.get_for_object(flyer).select_related("revision").first()
    assert version.revision.portal.email == "org@example.org"
    assert titles(session) == ["Agenda", "Report", "Flyer"]


def test_bad_order_is_refused_with_a_message_and_changes_nothing(client, session):
    url = portal_link(session)
    form = submitted_form(client.get(url), "documents_form")
    form["documents-0-ORDER"] = ["first"]

    response = client.post(url, form)

    assert response.status_code == 200
    assert response.context["arrange"].forms[0].errors["ORDER"]
    assert titles(session) == ["Flyer", "Agenda", "Report"]


def test_broken_management_data_is_refused_not_a_500(client, session):
    url = portal_link(session)

    response = client.post(url, {"action": "documents", "documents-TOTAL_FORMS": "x"})

    assert response.status_code == 200
    assert response.context["arrange"].non_form_errors()
    assert titles(session) == ["Flyer", "Agenda", "Report"]


def test_documents_of_another_session_are_never_touched(client, session):
    other = factories.DocumentFactory(title="Theirs")
    url = portal_link(session)
    form = submitted_form(client.get(url), "documents_form")
    form["documents-0-id"] = [str(other.pk)]
    form["documents-0-DELETE"] = ["on"]

    assert client.post(url, form).status_code == 302

    assert Document.objects.filter(pk=other.pk).exists()
    # The flyer's row was forged away: it is kept, after the rows named.
    assert titles(session) == ["Agenda", "Report", "Flyer"]


def test_arrange_keeps_unnamed_documents_after_the_named_ones(session):
    _flyer, _agenda, report = session.documents.order_by("order")

    assert arrange_documents(session, [report.pk], []) == 0

    assert titles(session) == ["Report", "Flyer", "Agenda"]
