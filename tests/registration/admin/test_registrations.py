"""Registrations in the admin: the export action gives the report's own columns."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registration import exports
from tests.factories import SessionFactory
from tests.registration.factories import RegistrationFactory, SideEventWaitFactory

pytestmark = pytest.mark.django_db


def _export(admin_client, action: str, registrations) -> bytes:
    response = admin_client.post(
        reverse("admin:registration_registration_changelist"),
        {"action": action, "_selected_action": [r.pk for r in registrations]},
    )
    assert response.status_code == 200
    return response.content


def test_the_csv_export_action_has_the_participants_report_columns(admin_client):
    registration = RegistrationFactory(given_name="Anna", family_name="Berger")
    registration.sessions.add(
        SessionFactory(conference=registration.conference, title="Cyber scams")
    )
    SideEventWaitFactory(
        registration=registration,
        session=SessionFactory(conference=registration.conference, title="Compounds"),
    )

    content = _export(admin_client, "export_csv", [registration])

    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header, report = exports.build_report(registration.conference, "participants")
    assert rows == [header, *report]
    assert rows[1][1:3] == ["Anna", "Berger"]
    assert rows[1][-2:] == ["Cyber scams", "Compounds"]


def test_the_xlsx_export_action_has_the_same_columns(admin_client):
    registration = RegistrationFactory()

    content = _export(admin_client, "export_xlsx", [registration])

    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[1]] == exports.participant_header()
    assert sheet.title == "participants"
    assert sheet.max_row == 2
