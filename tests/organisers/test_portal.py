"""The organiser portal: edits live or for approval, deadlines, conflicts, scope."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult
from reversion.models import Version

from events.models import Document, Session
from events.tokens import hash_token
from organisers import services
from organisers.links import issue_access_token
from organisers.models import OrganiserAccess, PendingEdit, PortalSettings
from organisers.snapshots import session_snapshot, snapshot_diff
from outbox.sending import send_email
from speakers.models import Participation
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
    session = factories.SessionFactory(title="Launch", description="Old text")
    factories.SessionSectionFactory(session=session, title="Background", body="Why")
    factories.ParticipationFactory(
        session=session, person__family_name="Berger", to_be_confirmed=True
    )
    return session


def portal_link(session, email="org@example.org") -> tuple[OrganiserAccess, str]:
    access = services.grant_access(session, email=email)
    return access, f"/en/organisers/session/{issue_access_token(access)}/"


def test_grant_access_stores_only_a_hash_and_mails_a_working_link(session):
    access = services.grant_access(session, email="Org@Example.org")
    task = DBTaskResult.objects.get()

    send_email.call(*task.args_kwargs["args"])

    assert access.email == "org@example.org"
    (message,) = mail.outbox
    url = next(line for line in message.body.splitlines() if "/organisers/" in line)
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert token not in OrganiserAccess.objects.values_list("token_hash", flat=True)
    assert OrganiserAccess.objects.get().token_hash == hash_token(token)


def test_live_edit_is_published_at_once(client, session):
    _access, url = portal_link(session)
    form = submitted_form(client.get(url), "edit_form")
    form["description"] = ["New text"]
    form["sections-0-body"] = ["Because"]
    form["participants-0-joins_online"] = ["on"]

    response = client.post(url, form)

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.description == "New text"
    assert session.sections.get().body == "Because"
    assert session.participations.get().joins_online is True
    assert client.get(session.get_absolute_url()).content.decode().count("New text")


def test_live_edit_adds_reorders_and_removes_people(client, session):
    _access, url = portal_link(session)
    form = submitted_form(client.get(url), "edit_form")
    form["participants-1-name"] = ["Anna Novak"]
    form["participants-1-role"] = ["moderator"]
    form["participants-1-ORDER"] = ["1"]
    form["participants-0-ORDER"] = ["2"]

    assert client.post(url, form).status_code == 302

    people = list(session.participations.order_by("order"))
    assert [(p.person.name, p.role) for p in people] == [
        ("Anna Novak", "moderator"),
        (people[1].person.name, "speaker"),
    ]
    form = submitted_form(client.get(url), "edit_form")
    form["participants-0-DELETE"] = ["on"]
    client.post(url, form)
    assert [p.person.name for p in session.participations.all()] == [
        people[1].person.name
    ]


def test_edit_waiting_for_approval_changes_nothing_until_approved(
    client, session, admin_user
):
    PortalSettings.objects.create(
        conference=session.conference, edits_need_approval=True
    )
    _access, url = portal_link(session)
    form = submitted_form(client.get(url), "edit_form")
    form["description"] = ["Proposed text"]

    client.post(url, form)

    session.refresh_from_db()
    assert session.description == "Old text"
    edit = PendingEdit.objects.get()
    assert ("-", "Description: Old text") in snapshot_diff(edit.before, edit.after)
    assert ("+", "Description: Proposed text") in snapshot_diff(edit.before, edit.after)
    assert services.approve_edit(edit, by=admin_user) is True
    session.refresh_from_db()
    assert session.description == "Proposed text"
    assert PendingEdit.objects.get().status == PendingEdit.Status.APPROVED


def test_staff_approve_in_the_admin_and_see_the_diff(client, admin_client, session):
    PortalSettings.objects.create(
        conference=session.conference, edits_need_approval=True
    )
    _access, url = portal_link(session)
    form = submitted_form(client.get(url), "edit_form")
    form["description"] = ["Proposed text"]
    client.post(url, form)
    edit = PendingEdit.objects.get()
    admin_url = f"/en/admin/organisers/pendingedit/{edit.pk}/change/"

    page = admin_client.get(admin_url).content.decode()
    admin_client.post(admin_url, {"comment": "", "_approve": "1"})

    assert '<span class="removed">- Description: Old text</span>' in page
    assert '<span class="added">+ Description: Proposed text</span>' in page
    assert Session.objects.get(pk=session.pk).description == "Proposed text"


def test_staff_send_an_edit_back_with_a_comment(client, admin_client, session):
    PortalSettings.objects.create(
        conference=session.conference, edits_need_approval=True
    )
    _access, url = portal_link(session)
    form = submitted_form(client.get(url), "edit_form")
    form["description"] = ["Proposed"]
    client.post(url, form)
    edit = PendingEdit.objects.get()

    admin_client.post(
        f"/en/admin/organisers/pendingedit/{edit.pk}/change/",
        {"comment": "Please shorten.", "_return": "1"},
    )

    edit.refresh_from_db()
    assert (edit.status, edit.comment) == (
        PendingEdit.Status.RETURNED,
        "Please shorten.",
    )
    assert "Please shorten." in client.get(url).content.decode()
    assert Session.objects.get(pk=session.pk).description == "Old text"


def test_second_organiser_is_told_and_nothing_is_overwritten(client, session):
    _first, first_url = portal_link(session, "a@example.org")
    _second, second_url = portal_link(session, "b@example.org")
    first_form = submitted_form(client.get(first_url), "edit_form")
    second_form = submitted_form(client.get(second_url), "edit_form")
    first_form["description"] = ["First"]
    second_form["description"] = ["Second"]

    assert client.post(first_url, first_form).status_code == 302
    response = client.post(second_url, second_form)

    assert response.status_code == 200
    assert Session.objects.get(pk=session.pk).description == "First"
    errors = response.context["description"].non_field_errors()
    assert errors[0].startswith("a@example.org changed this session on ")
    assert errors[0].endswith("reload the page to see theirs, then make yours again.")


def test_past_the_deadline_the_link_opens_a_read_only_page_with_the_contact(
    client, session
):
    PortalSettings.objects.create(
        conference=session.conference,
        edit_deadline=BEFORE - dt.timedelta(days=1),
        contact_email="secretariat@example.org",
    )
    _access, url = portal_link(session)

    response = client.get(url)
    posted = client.post(url, {"action": "edit", "description": "Late"})

    assert response.templates[0].name == "organisers/closed.html"
    assert 'href="mailto:secretariat@example.org"' in response.content.decode()
    assert posted.templates[0].name == "organisers/closed.html"
    assert Session.objects.get(pk=session.pk).description == "Old text"


def test_ids_of_another_session_in_a_forged_form_never_reach_it(client, session):
    other = factories.ParticipationFactory(person__family_name="Elsewhere")
    _access, url = portal_link(session)
    form = submitted_form(client.get(url), "edit_form")
    form["participants-0-id"] = [str(other.pk)]

    client.post(url, form)

    assert Participation.objects.filter(pk=other.pk, session=other.session).exists()
    assert other.session.participations.count() == 1


def test_unknown_or_withdrawn_link_is_not_found(client, session):
    access, url = portal_link(session)
    assert client.get("/en/organisers/session/nonsense/").status_code == 404
    access.is_active = False
    access.save()
    assert client.get(url).status_code == 404


def test_portal_never_shows_the_zoom_passcode_or_other_sessions(client, session):
    other = factories.SessionFactory(title="Someone else's side event")
    _access, url = portal_link(session)

    html = client.get(url).content.decode()

    assert session.online_passcode not in html
    assert other.title not in html


def test_bad_values_are_refused_with_a_message(client, session):
    _access, url = portal_link(session)
    form = submitted_form(client.get(url), "edit_form")
    form["sections-0-title"] = [""]
    form["participants-0-role"] = ["emperor"]

    response = client.post(url, form)

    assert response.status_code == 200
    sections, _agenda, people = response.context["formsets"].values()
    assert sections.errors[0] == {"title": ["This field is required."]}
    assert "Select a valid choice." in people.errors[0]["role"][0]
    assert (
        session_snapshot(Session.objects.get(pk=session.pk))["sections"][0]["title"]
        == "Background"
    )


def test_every_change_is_in_the_history_with_the_organiser(client, session):
    _access, url = portal_link(session)
    form = submitted_form(client.get(url), "edit_form")
    form["description"] = ["Audited text"]

    client.post(url, form)

    version = Version.objects.get_for_object(session).select_related("revision").first()
    assert version.revision.portal.email == "org@example.org"
    assert version.revision.portal.role == "organiser"
    assert version.field_dict["description"] == "Audited text"


def test_organiser_uploads_a_pdf_and_a_renamed_web_page_is_refused(client, session):
    _access, url = portal_link(session)
    good = {
        "action": "document",
        "title": "Concept note",
        "kind": "concept_note",
        "language": "ru",
        "file": SimpleUploadedFile("note.pdf", factories.PDF_BYTES),
    }
    bad = {**good, "file": SimpleUploadedFile("note.pdf", b"<html>hi</html>")}

    refused = client.post(url, bad)
    accepted = client.post(url, good)

    assert refused.status_code == 200
    assert (
        refused.context["upload"]
        .errors["file"][0]
        .startswith("This file is not a PDF, an office document or an image")
    )
    assert accepted.status_code == 302
    (document,) = Document.objects.all()
    assert (document.session, document.language, document.uploaded_by_email) == (
        session,
        "ru",
        "org@example.org",
    )


def test_approving_an_edit_warns_of_a_double_booking(client, admin_client, session):
    PortalSettings.objects.create(
        conference=session.conference, edits_need_approval=True
    )
    person = factories.PersonFactory(given_name="Kari", family_name="Johnstone")
    factories.ParticipationFactory(session=session, person=person)
    other = factories.SessionFactory(
        conference=session.conference, title="Opening", start=session.start
    )
    factories.ParticipationFactory(session=other, person=person)
    _access, url = portal_link(session)
    form = submitted_form(client.get(url), "edit_form")
    form["description"] = ["Proposed text"]
    client.post(url, form)
    edit = PendingEdit.objects.get()

    response = admin_client.post(
        f"/en/admin/organisers/pendingedit/{edit.pk}/change/",
        {"comment": "", "_approve": "1"},
        follow=True,
    )

    messages = [str(message) for message in response.context["messages"]]
    assert f"{person} is also booked in “Opening” at the same time." in messages
