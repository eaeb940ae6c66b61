"""Exports never hand a spreadsheet a formula; names refuse markup."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from events.models import Session
from registration.exports import safe_cell
from registration.forms import RegistrationForm
from registration.imports import check_rows
from tests.factories import ConferenceFactory
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+43 1 514", "'+43 1 514"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Anna", "Anna"),
        ("Müller-Lüdenscheidt", "Müller-Lüdenscheidt"),
        (3, 3),
    ],
)
def test_safe_cell_prefixes_formula_starts_only(value, expected):
    assert safe_cell(value) == expected


def _export(client, registration, fmt):
    url = reverse(
        "registration:export",
        kwargs={
            "conference": registration.conference.slug,
            "report": "participants",
            "fmt": fmt,
        },
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_formula_name_is_exported_as_text_in_csv(admin_client):
    registration = RegistrationFactory(given_name=FORMULA, organisation="-Ministry")
    rows = list(
        csv.reader(
            io.StringIO(_export(admin_client, registration, "csv").decode("utf-8-sig"))
        )
    )
    assert rows[1][1] == "'" + FORMULA
    assert rows[1][4] == "'-Ministry"


def test_formula_name_is_exported_as_text_in_xlsx(admin_client):
    registration = RegistrationFactory(given_name=FORMULA, organisation="@Ministry")
    workbook = load_workbook(io.BytesIO(_export(admin_client, registration, "xlsx")))
    sheet = workbook.active
    name, organisation = sheet.cell(row=2, column=2), sheet.cell(row=2, column=5)
    assert (name.data_type, name.value) == ("s", "'" + FORMULA)
    assert (organisation.data_type, organisation.value) == ("s", "'@Ministry")


@pytest.mark.parametrize("field", ["given_name", "family_name", "organisation"])
def test_registration_form_refuses_angle_brackets(field):
    data = {
        "given_name": "Anna",
        "family_name": "Berger",
        "email": "a@example.org",
        "language": "en",
        "attendance": "in_person",
        "consent": "on",
        "submission_key": "8f8a2c4e-8a52-4d7e-b0f7-0d4c3c1f7f01",
        field: "<script>alert(1)</script>",
    }
    form = RegistrationForm(data, sessions=Session.objects.none())
    assert not form.is_valid()
    assert form.errors[field] == ["Please remove the characters < and >."]


def test_import_refuses_angle_brackets_in_names():
    conference = ConferenceFactory()
    report = check_rows(
        conference,
        [{"name": "<b>Anna</b>", "email": "a@example.org", "organisation": ""}],
    )
    assert report.errors == [(2, "name or organisation contains < or >")]
