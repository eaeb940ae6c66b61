"""Staff and online participants: the admin, the export, the dashboard's count."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from registration.dashboard import dashboard_for
from registration.exports import build_report, to_csv
from registration.services.rules import settings_for
from tests.factories import ConferenceFactory, SessionFactory
from tests.registration.factories import OnlineParticipantFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def conference():
    return ConferenceFactory(slug="alliance-26")


@pytest.fixture
def participants(conference):
    panel = SessionFactory(
        conference=conference, title="Panel 1", online_link_on_registration=True
    )
    return [
        OnlineParticipantFactory(
            conference=conference,
            name=FORMULA,
            email="anna@example.org",
            organisation="-NGO",
            sessions=[panel],
        ),
        OnlineParticipantFactory(
            conference=conference, name="Boris", email="boris@example.org"
        ),
    ]


def _export(client, fmt: str, language: str = "en") -> bytes:
    with translation.override(language):
        url = reverse(
            "registration:export",
            kwargs={"conference": "alliance-26", "report": "online", "fmt": fmt},
        )
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_the_online_report_in_csv_neutralises_formulas(admin_client, participants):
    rows = list(
        csv.reader(io.StringIO(_export(admin_client, "csv").decode("utf-8-sig")))
    )

    assert rows[0] == [
        "Name",
        "Email",
        "Organisation",
        "Language",
        "Sessions to follow",
        "Signed up",
    ]
    assert [row[:5] for row in rows[1:]] == [
        ["'" + FORMULA, "anna@example.org", "'-NGO", "English", "Panel 1"],
        ["Boris", "boris@example.org", "", "English", "All sessions streamed online"],
    ]


def test_the_online_report_in_xlsx_has_russian_labels_for_russian_staff(
    admin_client, participants
):
    sheet = load_workbook(io.BytesIO(_export(admin_client, "xlsx", "ru"))).active

    header, first, second = list(sheet.iter_rows(values_only=True))
    assert header == (
        "Имя",
        "Адрес электронной почты",
        "Организация",
        "Язык",
        "Выбранные заседания",
        "Дата регистрации",
    )
    assert first[0] == "'" + FORMULA
    assert second[4] == "Все заседания, транслируемые онлайн"


def test_the_staff_page_lists_the_online_report_and_the_count(
    admin_client, participants
):
    page = admin_client.get(
        reverse("registration:staff", kwargs={"conference": "alliance-26"})
    )

    assert page.status_code == 200
    assert "<dt>Online participants</dt><dd>2</dd>" in page.text
    assert "/export/online.csv" in page.text


def test_the_dashboard_counts_online_participants(conference, participants):
    OnlineParticipantFactory()  # another conference's

    assert dashboard_for(conference, settings_for(conference)).online_participants == 2


def test_the_admin_lists_and_exports_online_participants(admin_client, participants):
    changelist = reverse("admin:registration_onlineparticipant_changelist")

    page = admin_client.get(changelist, {"q": "boris"})
    exported = admin_client.post(
        changelist,
        {
            "action": "export_csv",
            "_selected_action": [str(p.pk) for p in participants],
        },
    )

    assert [p.email for p in page.context["cl"].result_list] == ["boris@example.org"]
    assert exported.status_code == 200
    assert exported["Content-Disposition"] == (
        'attachment; filename="online-participants.csv"'
    )
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["anna@example.org", "boris@example.org"]


def test_the_admin_offers_the_conference_online_sessions_only(
    admin_client, participants
):
    SessionFactory(online_link_on_registration=True, title="Elsewhere")
    SessionFactory(conference=participants[0].conference, title="In person only")

    page = admin_client.get(
        reverse(
            "admin:registration_onlineparticipant_change", args=[participants[0].pk]
        )
    )

    field = page.context["adminform"].form.fields["sessions"]
    assert [session.title for session in field.queryset] == ["Panel 1"]


def test_the_report_builder_names_every_participant(conference, participants):
    header, rows = build_report(conference, "online")

    assert len(rows) == 2
    assert to_csv(header, rows).startswith("\ufeffName,Email".encode())
