"""Staff side: groups, check-in, bulk import, exports, badges, privacy commands."""

import datetime as dt
import io
import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from registration.badges import badges_pdf
from registration.models import CheckIn, Invitation, Registration
from registration.selectors import find_invitation
from registration.services.invitations import revoke_invitation
from tests.factories import ConferenceFactory, SessionFactory
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_invite_command_prints_a_working_link_last(client, capsys):
    conference = ConferenceFactory(slug="alliance-26")
    call_command(
        "invite", "alliance-26", "--email", "a@example.org", "--name", "Anna Berger"
    )
    url = capsys.readouterr().out.strip().splitlines()[-1]
    assert url.startswith("http://127.0.0.1:8000/en/registration/i/")
    token = url.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get(conference=conference)
    assert find_invitation(token) == invitation
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64
    assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200


@pytest.mark.parametrize(("user", "status"), [("manager", 200), ("editor", 403)])
def test_only_registration_managers_see_registrations(
    client, registration_manager, programme_editor, user, status
):
    RegistrationFactory()
    client.force_login(registration_manager if user == "manager" else programme_editor)
    for name in ("registration", "invitation"):
        url = reverse(f"admin:registration_{name}_changelist")
        assert client.get(url).status_code == status


@pytest.mark.parametrize("rows", [1, 3])
def test_registration_changelist_query_count(
    client, registration_manager, django_assert_max_num_queries, rows
):
    RegistrationFactory.create_batch(rows)
    client.force_login(registration_manager)
    # 12, and the savepoint the history (VersionAdmin) opens and releases.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("admin:registration_registration_changelist"))
    assert response.status_code == 200


CSV = (
    "name,email,organisation,delegation,category,position,language,seats\n"
    "Anna Berger,anna@example.org,Ministry,Austria,participating_state,Head,en,1\n"
    "Boris Petrov,not-an-email,Ministry,,,Expert,ru,1\n"
    "Clara Ruiz,clara@example.org,NGO,,civil society,,xx,abc\n"
)


def _upload(client, conference, content: bytes, name: str, **extra):
    return client.post(
        reverse("admin:registration_invitation_upload"),
        {"conference": conference.pk, "file": _file(content, name), **extra},
    )


def _file(content: bytes, name: str):
    return SimpleUploadedFile(name, content)


def test_bulk_upload_with_bad_rows_imports_nothing_and_names_each_row(
    client, registration_manager
):
    conference = ConferenceFactory()
    client.force_login(registration_manager)
    response = _upload(client, conference, CSV.encode(), "invitees.csv")
    assert response.status_code == 400
    assert "“not-an-email” is not an e-mail address" in response.text
    assert "language must be en or ru; seats must be a whole number" in response.text
    assert Invitation.objects.count() == 0


def test_bulk_upload_can_take_only_the_good_rows(client, registration_manager):
    conference = ConferenceFactory()
    client.force_login(registration_manager)
    _upload(client, conference, CSV.encode(), "invitees.csv", import_good_rows="on")
    assert list(Invitation.objects.values_list("email", "category")) == [
        ("anna@example.org", "participating_state")
    ]


def test_bulk_upload_of_a_clean_xlsx(client, registration_manager):
    conference = ConferenceFactory()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Email", "Organisation", "Seats"])
    sheet.append(["Anna Berger", "anna@example.org", "Ministry", 3])
    sheet.append(["Борис Петров", "boris@example.org", "МВД", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(registration_manager)
    response = _upload(
        client, conference, buffer.getvalue(), "invitees.xlsx", send="on"
    )
    assert response.status_code == 302
    assert list(Invitation.objects.order_by("email").values_list("name", "seats")) == [
        ("Anna Berger", 3),
        ("Борис Петров", 1),
    ]


def test_check_in_scans(client, registration_manager):
    conference = ConferenceFactory()
    session = SessionFactory(conference=conference)
    person = RegistrationFactory(invitation__conference=conference, checkin_code="ok1")
    person.sessions.add(session)
    RegistrationFactory(
        invitation__conference=conference,
        checkin_code="gone",
        status=Registration.Status.CANCELLED,
    )
    client.force_login(registration_manager)
    url = reverse("registration:checkin", kwargs={"conference": conference.slug})
    assert client.post(url, {"code": "ok1"}).context["result"].message == (
        "Welcome: arrival recorded."
    )
    assert (
        client.post(url, {"code": "ok1"})
        .context["result"]
        .message.startswith("Already checked in at ")
    )
    assert client.post(url, {"code": "gone"}).context["result"].message == (
        "Refused: registration cancelled."
    )
    assert client.post(url, {"code": "nope"}).context["result"].message == (
        "Unknown code: no such registration."
    )
    response = client.post(url, {"code": "ok1", "session": session.pk})
    assert response.context["result"].ok is True
    response = client.get(url, {"q": person.family_name})
    assert list(response.context["people"]) == [person]
    figures = [(f.expected, f.arrived) for f in response.context["figures"]]
    assert figures == [(1, 1), (1, 1)]
    assert list(CheckIn.objects.values_list("repeated", flat=True)) == [
        False,
        True,
        False,
    ]


def test_check_in_refuses_a_revoked_invitation(client, registration_manager):
    person = RegistrationFactory(checkin_code="rev")
    revoke_invitation(person.invitation)
    client.force_login(registration_manager)
    url = reverse("registration:checkin", kwargs={"conference": person.conference.slug})
    result = client.post(url, {"code": "rev"}).context["result"]
    assert (result.ok, result.message) == (False, "Refused: invitation revoked.")


def test_programme_editor_cannot_check_in(client, programme_editor):
    conference = ConferenceFactory()
    client.force_login(programme_editor)
    url = reverse("registration:checkin", kwargs={"conference": conference.slug})
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "report",
    ["participants", "side_events", "interpretation", "accessibility", "dietary"],
)
def test_exports(client, registration_manager, report):
    registration = RegistrationFactory(
        interpretation="ru", dietary_needs="vegan", accessibility_needs="ramp"
    )
    registration.sessions.add(SessionFactory(conference=registration.conference))
    client.force_login(registration_manager)
    kwargs = {"conference": registration.conference.slug, "report": report}
    csv_response = client.get(
        reverse("registration:export", kwargs={**kwargs, "fmt": "csv"})
    )
    assert csv_response.status_code == 200
    assert len(csv_response.content.decode("utf-8-sig").splitlines()) == 2
    xlsx = client.get(reverse("registration:export", kwargs={**kwargs, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 2


def test_badges_pdf(client, registration_manager):
    registration = RegistrationFactory()
    client.force_login(registration_manager)
    response = client.get(
        reverse(
            "registration:badges", kwargs={"conference": registration.conference.slug}
        )
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_badges_embed_a_font_with_cyrillic_letters():
    pdf = badges_pdf([RegistrationFactory(given_name="Мария", family_name="Иванова")])

    assert pdf.startswith(b"%PDF")
    assert b"DejaVuSans" in pdf


def test_personal_data_export_and_erasure(capsys):
    registration = RegistrationFactory(email="anna@example.org", given_name="Anna")
    call_command("personal_data", "anna@example.org")
    data = json.loads(capsys.readouterr().out)
    assert [r["given_name"] for r in data["registrations"]] == ["Anna"]
    call_command("personal_data", "anna@example.org", "--erase")
    assert Registration.objects.filter(pk=registration.pk).exists() is False


def test_anonymise_registrations_after_the_conference():
    old = RegistrationFactory(
        invitation__conference=ConferenceFactory(
            start_date=dt.date(2020, 4, 20), end_date=dt.date(2020, 4, 21)
        ),
        dietary_needs="vegan",
    )
    today = timezone.localdate()
    recent = RegistrationFactory(
        invitation__conference=ConferenceFactory(start_date=today, end_date=today)
    )
    call_command("anonymise_registrations", "--days", "30", stdout=io.StringIO())
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.given_name, old.dietary_needs) == ("anonymised", "")
    assert recent.given_name != "anonymised"
    assert mail.outbox == []
