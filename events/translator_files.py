"""Send what lacks Russian to a translator, and apply the translated file.

The export has one row per field with its English source (XLSX, or XLIFF 2.0
for translation tools). The import checks every row (unknown id, English
changed since the export, empty translation, the same field twice) and applies
all rows or none, in one revision of the audit trail naming who imported which
file.
"""

import io
from dataclasses import dataclass
from xml.etree import ElementTree

import reversion
from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from events.models import Conference
from events.services import save_session_part
from events.untranslated import (
    SOURCE_LANGUAGE,
    TARGET_LANGUAGE,
    conference_content,
    translated_fields,
    untranslated_fields,
)

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLSX_HEADER = ["id", "object", "field", "English", "Russian"]
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLIFF_CONTENT_TYPE = "application/xliff+xml"


class TranslatorFileError(ValueError):
    """The file cannot be read at all (not XLSX, not XLIFF 2.0)."""


@dataclass(frozen=True)
class TranslatedRow:
    line: int  # row of the sheet, or position of the unit in the XLIFF file
    id: str  # "events.session:12:title"
    source: str
    target: str


def field_id(model_label: str, pk: int, field: str) -> str:
    return f"{model_label}:{pk}:{field}"


def export_xlsx(conference: Conference) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Translations"
    sheet.append(XLSX_HEADER)
    for row in untranslated_fields(conference):
        sheet.append(
            [
                field_id(row.model, row.pk, row.field),
                row.model,
                row.field,
                row.source,
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_xliff(conference: Conference) -> bytes:
    ElementTree.register_namespace("", XLIFF_NS)
    root = ElementTree.Element(
        f"{{{XLIFF_NS}}}xliff",
        {"version": "2.0", "srcLang": SOURCE_LANGUAGE, "trgLang": TARGET_LANGUAGE},
    )
    file = ElementTree.SubElement(root, f"{{{XLIFF_NS}}}file", {"id": conference.slug})
    for row in untranslated_fields(conference):
        unit = ElementTree.SubElement(
            file, f"{{{XLIFF_NS}}}unit", {"id": field_id(row.model, row.pk, row.field)}
        )
        segment = ElementTree.SubElement(unit, f"{{{XLIFF_NS}}}segment")
        ElementTree.SubElement(segment, f"{{{XLIFF_NS}}}source").text = row.source
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def read_xlsx(content: bytes) -> list[TranslatedRow]:
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        lines = list(sheet.iter_rows(values_only=True))
    except Exception as error:  # openpyxl raises many kinds for a bad file
        raise TranslatorFileError(_("The file is not an XLSX workbook.")) from error
    if not lines or [str(c or "") for c in lines[0][:5]] != XLSX_HEADER:
        raise TranslatorFileError(
            _("The first row must be: %(header)s.") % {"header": ", ".join(XLSX_HEADER)}
        )
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        cells = [("" if c is None else str(c)) for c in (*cells, "", "", "", "", "")]
        if not any(cells[:5]):
            continue
        rows.append(TranslatedRow(number, cells[0].strip(), cells[3], cells[4].strip()))
    return rows


def read_xliff(content: bytes) -> list[TranslatedRow]:
    try:
        root = SafeElementTree.fromstring(content)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise TranslatorFileError(
            _("The file is not an XLIFF 2.0 document.")
        ) from error
    if root.tag != f"{{{XLIFF_NS}}}xliff" or root.get("version") != "2.0":
        raise TranslatorFileError(_("The file is not an XLIFF 2.0 document."))
    rows = []
    for number, unit in enumerate(root.iter(f"{{{XLIFF_NS}}}unit"), start=1):
        source = "".join(
            "".join(s.itertext()) for s in unit.iter(f"{{{XLIFF_NS}}}source")
        )
        target = "".join(
            "".join(t.itertext()) for t in unit.iter(f"{{{XLIFF_NS}}}target")
        )
        rows.append(TranslatedRow(number, unit.get("id", ""), source, target.strip()))
    return rows


def read_translator_file(name: str, content: bytes) -> list[TranslatedRow]:
    if name.lower().endswith((".xlf", ".xliff", ".xml")):
        return read_xliff(content)
    return read_xlsx(content)


def import_translations(
    conference: Conference,
    rows: list[TranslatedRow],
    *,
    user: AbstractBaseUser | None,
    filename: str,
) -> list[tuple[int, str]]:
    """Apply every row's Russian text, or none: the errors, by line, if any."""
    allowed = {
        queryset.model._meta.label_lower: queryset
        for queryset in conference_content(conference)
    }
    errors: list[tuple[int, str]] = []
    changes: list[tuple[object, str, str]] = []
    seen: set[str] = set()
    objects: dict[tuple[str, int], object] = {}  # one instance per object
    for row in rows:
        obj, field, problem = _resolve(row, allowed, objects)
        if problem is None and row.id in seen:
            problem = _("The same field appears twice in the file.")
        if (
            problem is None
            and (getattr(obj, f"{field}_{SOURCE_LANGUAGE}") or "") != row.source
        ):
            problem = _(
                "The English text has changed since the export; export the field again."
            )
        if problem is None and not row.target:
            problem = _("The Russian text is empty.")
        if problem is not None:
            errors.append((row.line, f"{row.id}: {problem}" if row.id else problem))
            continue
        seen.add(row.id)
        changes.append((obj, field, row.target))
    if not rows:
        errors.append((0, _("The file has no rows to import.")))
    if errors:
        return errors
    with transaction.atomic(), reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(
            _("Imported %(count)d Russian translations from %(file)s")
            % {"count": len(changes), "file": filename}
        )
        for obj, field, target in changes:
            setattr(obj, f"{field}_{TARGET_LANGUAGE}", target)
        for obj in {id(obj): obj for obj, _field, _target in changes}.values():
            if getattr(type(obj), "nested_in_session", False):
                save_session_part(obj)
            else:
                obj.save()
    return []


def _resolve(
    row: TranslatedRow, allowed: dict, objects: dict
) -> tuple[object, str, str | None]:
    unknown = _("Unknown id: no such field of this conference's content.")
    try:
        label, pk, field = row.id.split(":")
        model = apps.get_model(label)
        pk_value = int(pk)
    except (ValueError, LookupError):
        return None, "", unknown
    if label not in allowed or field not in translated_fields(model):
        return None, "", unknown
    if (label, pk_value) not in objects:
        objects[label, pk_value] = allowed[label].filter(pk=pk_value).first()
    obj = objects[label, pk_value]
    if obj is None:
        return None, "", unknown
    return obj, field, None
