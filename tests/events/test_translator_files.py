"""The translator's round trip: export what lacks Russian, import it back."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree
from openpyxl import Workbook, load_workbook
from reversion.models import Version

from events.models import Session
from events.translator_files import (
    TranslatedRow,
    TranslatorFileError,
    export_xliff,
    export_xlsx,
    import_translations,
    read_xliff,
    read_xlsx,
)
from events.untranslated import untranslated_counts, untranslated_fields
from tests import factories

pytestmark = pytest.mark.django_db

XLIFF = "{urn:oasis:names:tc:xliff:document:2.0}"


@pytest.fixture
def session():
    conference = factories.ConferenceFactory(
        slug="alliance-26", title_en="26th Alliance conference", title_ru="26-я"
    )
    return factories.SessionFactory(
        conference=conference,
        title_en="Launch of the Study",
        description_en="A study.",
        room__name_en="Ratsaal",
        room__name_ru="Ратсаал",
    )


def ids(session: Session) -> list[str]:
    return [
        f"events.session:{session.pk}:description",
        f"events.session:{session.pk}:title",
    ]


def test_untranslated_fields_are_the_english_without_russian(session):
    rows = untranslated_fields(session.conference)

    session_rows = [(r.field, r.source) for r in rows if r.model == "events.session"]
    assert session_rows == [
        ("description", "A study."),
        ("title", "Launch of the Study"),
    ]
    assert not any(r.model == "events.room" for r in rows)
    counts = {
        m._meta.model_name: (missing, total)
        for m, missing, total in (untranslated_counts(session.conference))
    }
    assert counts["session"] == (1, 1)
    assert counts["room"] == (0, 1)
    assert counts["conference"] == (1, 1)  # theme and description are empty: title only


def test_xlsx_round_trip_applies_every_row(session, admin_user):
    sheet = load_workbook(io.BytesIO(export_xlsx(session.conference))).active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0] == ("id", "object", "field", "English", "Russian")
    workbook = Workbook()
    for number, line in enumerate(lines):
        target = line[4] if number == 0 else f"RU {line[3]}"
        workbook.active.append([*line[:4], target])
    buffer = io.BytesIO()
    workbook.save(buffer)

    rows = read_xlsx(buffer.getvalue())
    errors = import_translations(
        session.conference, rows, user=admin_user, filename="alliance-26-ru.xlsx"
    )

    assert errors == []
    session.refresh_from_db()
    assert (session.title_ru, session.description_ru) == (
        "RU Launch of the Study",
        "RU A study.",
    )
    version = Version.objects.get_for_object(session).first()
    assert (version.revision.user, version.revision.comment) == (
        admin_user,
        f"Imported {len(rows)} Russian translations from alliance-26-ru.xlsx",
    )


def test_xliff_export_is_xliff_2_and_imports_back(session, admin_user):
    root = etree.fromstring(export_xliff(session.conference))
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == (
        "2.0",
        "en",
        "ru",
    )
    for unit in root.iter(f"{XLIFF}unit"):
        segment = unit.find(f"{XLIFF}segment")
        etree.SubElement(segment, f"{XLIFF}target").text = "Перевод"

    rows = read_xliff(etree.tostring(root))
    assert (
        import_translations(session.conference, rows, user=admin_user, filename="a.xlf")
        == []
    )
    session.refresh_from_db()
    assert session.title_ru == "Перевод"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (("events.session:999999:title", "Launch of the Study", "Х"), "Unknown id"),
        (("events.person:1:title", "x", "Х"), "Unknown id"),
        (("nonsense", "x", "Х"), "Unknown id"),
        (("events.session:{pk}:title", "Launch of a Study", "Х"), "has changed"),
        (("events.session:{pk}:title", "Launch of the Study", ""), "is empty"),
    ],
)
def test_a_bad_row_is_refused_and_nothing_is_imported(session, row, problem):
    good = TranslatedRow(2, f"events.session:{session.pk}:description", "A study.", "И")
    identifier, source, target = row
    bad = TranslatedRow(3, identifier.format(pk=session.pk), source, target)

    errors = import_translations(
        session.conference, [good, bad], user=None, filename="f"
    )

    assert [line for line, _message in errors] == [3]
    assert problem in errors[0][1]
    session.refresh_from_db()
    assert session.description_ru in (None, "")


def test_a_session_of_another_conference_is_an_unknown_id(session):
    other = factories.SessionFactory(title_en="Elsewhere")
    row = TranslatedRow(2, f"events.session:{other.pk}:title", "Elsewhere", "Где-то")

    errors = import_translations(session.conference, [row], user=None, filename="f")

    assert errors[0][0] == 2
    other.refresh_from_db()
    assert other.title_ru in (None, "")


def test_the_same_field_twice_is_refused(session):
    row = TranslatedRow(
        2, f"events.session:{session.pk}:title", "Launch of the Study", "А"
    )
    again = TranslatedRow(3, row.id, row.source, "Б")

    errors = import_translations(
        session.conference, [row, again], user=None, filename="f"
    )

    assert [line for line, _message in errors] == [3]


def test_files_that_are_not_xlsx_or_xliff_are_refused():
    with pytest.raises(TranslatorFileError):
        read_xlsx(b"not a workbook")
    with pytest.raises(TranslatorFileError):
        read_xliff(b"<xliff version='1.2'/>")
    with pytest.raises(TranslatorFileError):
        read_xliff(b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')


def test_admin_report_links_and_imports(admin_client, session):
    url = reverse("admin:events_conference_translations", args=[session.conference.pk])

    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert (
        f"/en/admin/events/session/?russian=missing&amp;conference__id__exact="
        f"{session.conference.pk}"
    ) in html
    export = admin_client.get(
        reverse(
            "admin:events_conference_translations_export",
            args=[session.conference.pk, "xliff"],
        )
    )
    assert export["Content-Disposition"] == 'attachment; filename="alliance-26-ru.xlf"'

    root = etree.fromstring(export.content)
    for unit in root.iter(f"{XLIFF}unit"):
        etree.SubElement(unit.find(f"{XLIFF}segment"), f"{XLIFF}target").text = "Да"
    upload = SimpleUploadedFile("back.xlf", etree.tostring(root))
    response = admin_client.post(url, {"file": upload})

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title_ru == "Да"


def test_admin_import_shows_each_bad_row(admin_client, session):
    url = reverse("admin:events_conference_translations", args=[session.conference.pk])
    workbook = Workbook()
    workbook.active.append(["id", "object", "field", "English", "Russian"])
    workbook.active.append([f"events.session:{session.pk}:title", "", "", "Old", "Х"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = admin_client.post(
        url, {"file": SimpleUploadedFile("back.xlsx", buffer.getvalue())}
    )

    assert response.status_code == 200
    assert response.context["errors"][0][0] == 2
    assert "Nothing was imported" in response.content.decode()


def test_missing_russian_list_filter(admin_client, session):
    translated = factories.SessionFactory(
        conference=session.conference, title_en="Done", title_ru="Готово"
    )
    url = reverse("admin:events_session_changelist")

    missing = admin_client.get(url, {"russian": "missing"})
    complete = admin_client.get(url, {"russian": "complete"})

    assert [s.pk for s in missing.context["cl"].result_list] == [session.pk]
    assert [s.pk for s in complete.context["cl"].result_list] == [translated.pk]


def test_conference_change_page_links_to_the_report(admin_client, session):
    page = admin_client.get(
        reverse("admin:events_conference_change", args=[session.conference.pk])
    )

    report = reverse(
        "admin:events_conference_translations", args=[session.conference.pk]
    )
    assert f'<a href="{report}">What lacks Russian; export and import</a>' in (
        page.content.decode()
    )


def test_admin_search_finds_sessions_by_their_russian_title(admin_client, session):
    session.title_ru = "Презентация"
    session.save()

    found = admin_client.get(
        reverse("admin:events_session_changelist"), {"q": "Презентация"}
    )

    assert [s.pk for s in found.context["cl"].result_list] == [session.pk]
