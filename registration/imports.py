"""Bulk invitations from CSV or XLSX: every row is checked before anything is saved."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Conference
from registration.models import Invitation, Language
from registration.services.invitations import create_invitation, send_invitation

COLUMNS = (
    "name",
    "email",
    "organisation",
    "delegation",
    "category",
    "position",
    "language",
    "seats",
)
MAX_ROWS = 5000
NAME_LENGTH = Invitation._meta.get_field("name").max_length
EMAIL_LENGTH = Invitation._meta.get_field("email").max_length


@dataclass
class ImportReport:
    errors: list[tuple[int, str]] = field(default_factory=list)
    good_rows: list[dict] = field(default_factory=list)
    created: list[Invitation] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)


def read_rows(name: str, content: bytes) -> list[dict]:
    """Read a CSV (UTF-8, comma or semicolon) or XLSX file into dictionaries."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook  # lazy: heavy, needed only for .xlsx

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True).active
        except Exception as error:  # openpyxl raises many kinds on a bad file
            raise ValueError(_("This is not a readable XLSX file.")) from error
        rows = [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValueError(_("Save the CSV file as UTF-8.")) from error
        try:
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text), dialect)
        ]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise ValueError(_("The file is empty."))
    header = [cell.lower().strip() for cell in rows[0]]
    missing = {"name", "email"} - set(header)
    if missing:
        raise ValueError(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(sorted(missing))}
        )
    if len(rows) > MAX_ROWS + 1:
        raise ValueError(_("At most %(max)s rows at a time.") % {"max": MAX_ROWS})
    return [
        {column: (row[i] if i < len(row) else "") for i, column in enumerate(header)}
        for row in rows[1:]
    ]


def _category(value: str) -> str:
    value = value.strip()
    if not value:
        return Invitation.Category.OTHER
    for code, label in Invitation.Category.choices:
        if value.lower() in {code, str(label).lower()}:
            return code
    raise ValueError(_("unknown category “%(value)s”") % {"value": value})


def check_rows(conference: Conference, rows: list[dict]) -> ImportReport:
    """Sort rows into good ones and errors (row numbers as in the file, header = 1)."""
    report = ImportReport()
    seen: set[str] = set()
    existing = set(
        Invitation.objects.filter(conference=conference)
        .exclude(status=Invitation.Status.REVOKED)
        .values_list("email", flat=True)
    )
    existing = {email.lower() for email in existing}
    for number, row in enumerate(rows, start=2):
        problems = []
        name = row.get("name", "").strip()
        email = row.get("email", "").strip().lower()
        if not name:
            problems.append(_("name is missing"))
        elif len(name) > NAME_LENGTH:
            problems.append(
                _("name is longer than %(max)d characters") % {"max": NAME_LENGTH}
            )
        if any(
            "<" in row.get(column, "") or ">" in row.get(column, "")
            for column in ("name", "organisation")
        ):
            problems.append(_("name or organisation contains < or >"))
        if any("\x00" in str(value) for value in row.values()):
            # PostgreSQL refuses NUL in text; such a file is damaged anyway.
            problems.append(_("contains a NUL (0x00) character"))
        try:
            if len(email) > EMAIL_LENGTH:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            problems.append(
                _("“%(email)s” is not an e-mail address") % {"email": email}
            )
        if email in seen:
            problems.append(_("e-mail appears twice in the file"))
        elif email in existing:
            problems.append(_("already invited"))
        seen.add(email)
        try:
            category = _category(row.get("category", ""))
        except ValueError as error:
            problems.append(str(error))
            category = ""
        language = (row.get("language", "") or "en").strip().lower()[:2]
        if language not in Language.values:
            problems.append(_("language must be en or ru"))
        seats_text = row.get("seats", "").strip() or "1"
        try:
            seats = int(float(seats_text))
            if not 1 <= seats <= 50:
                raise ValueError
        except ValueError:
            problems.append(_("seats must be a whole number from 1 to 50"))
            seats = 1
        if problems:
            report.errors.append((number, "; ".join(problems)))
            continue
        report.good_rows.append(
            {
                "name": name,
                "email": email,
                "organisation": row.get("organisation", "").strip()[:300],
                "delegation": row.get("delegation", "").strip()[:200],
                "category": category,
                "position": row.get("position", "").strip()[:300],
                "language": language,
                "seats": seats,
            }
        )
    return report


@transaction.atomic
def import_invitations(
    conference: Conference,
    rows: list[dict],
    *,
    import_good_rows: bool = False,
    send: bool = False,
) -> ImportReport:
    """Import all rows, or none while any is bad, unless told to take the good ones."""
    report = check_rows(conference, rows)
    if report.errors and not import_good_rows:
        return report
    for row in report.good_rows:
        invitation, token = create_invitation(conference=conference, **row)
        report.created.append(invitation)
        report.tokens.append(token)
        if send:
            send_invitation(invitation)
    return report
