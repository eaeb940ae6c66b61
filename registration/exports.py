"""Staff exports of registrations as CSV or XLSX: lists and needs summaries."""

import csv
import io
from collections import Counter

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from events.models import Conference, Session
from registration.models import OnlineParticipant, Registration
from registration.selectors import WAITS_FOR_EXPORT, registrations_for_export

REPORTS = (
    "participants",
    "side_events",
    "interpretation",
    "accessibility",
    "dietary",
    "online",
)


def report_labels() -> list[tuple[str, str]]:
    """Each report with its name in the active language, for the staff page."""
    labels = {
        "participants": _("Participants"),
        "side_events": _("Side events: who attends"),
        "interpretation": _("Interpretation: people per language"),
        "accessibility": _("Accessibility needs"),
        "dietary": _("Dietary needs"),
        "online": _("Online participants"),
    }
    return [(report, labels[report]) for report in REPORTS]


def participant_header() -> list[str]:
    """Column names of the participants list, in the active language."""
    return [
        _("Honorific"),
        _("Given name"),
        _("Family name"),
        _("Position"),
        _("Organisation"),
        _("Delegation"),
        _("Email"),
        _("Attendance"),
        _("Status"),
        _("Category"),
        _("Interpretation"),
        _("Side events"),
        _("Side events: waiting list"),
    ]


def participant_row(registration: Registration) -> list[str]:
    """One line of the participants list; its columns follow participant_header."""
    return [
        registration.honorific,
        registration.given_name,
        registration.family_name,
        registration.position,
        registration.organisation,
        registration.delegation,
        registration.email,
        registration.get_attendance_display(),
        registration.get_status_display(),
        registration.invitation.get_category_display(),
        registration.get_interpretation_display(),
        "; ".join(session.title for session in registration.sessions.all()),
        "; ".join(wait.session.title for wait in registration.side_event_waits.all()),
    ]


def build_report(conference: Conference, report: str) -> tuple[list[str], list[list]]:
    """Return the header and rows of one report."""
    if report == "online":
        return online_participants_of(
            OnlineParticipant.objects.filter(conference=conference)
        )
    registrations = list(registrations_for_export(conference))
    if report == "participants":
        return participant_header(), [participant_row(r) for r in registrations]
    if report == "side_events":
        header = [_("Side event"), _("Given name"), _("Family name"), _("Organisation")]
        rows = [
            [session.title, r.given_name, r.family_name, r.organisation]
            for r in registrations
            if r.status == Registration.Status.CONFIRMED
            for session in r.sessions.all()
        ]
        return header, sorted(rows)
    if report == "interpretation":
        counts = Counter(
            r.get_interpretation_display()
            for r in registrations
            if r.status == Registration.Status.CONFIRMED
        )
        return [_("Interpretation"), _("People")], sorted(map(list, counts.items()))
    if report in {"accessibility", "dietary"}:
        field = f"{report}_needs"
        header = [_("Given name"), _("Family name"), _("Attendance"), _("Needs")]
        rows = [
            [r.given_name, r.family_name, r.get_attendance_display(), getattr(r, field)]
            for r in registrations
            if getattr(r, field) and r.status == Registration.Status.CONFIRMED
        ]
        return header, rows
    raise ValueError(report)


def participants_of(
    registrations: QuerySet[Registration],
) -> tuple[list[str], list[list]]:
    """The participants list of a chosen set of registrations, such as the admin's.

    Same columns as the conference's report; the rows keep the queryset's order.
    """
    rows = [
        participant_row(registration)
        for registration in registrations.prefetch_related("sessions", WAITS_FOR_EXPORT)
    ]
    return participant_header(), rows


def online_participants_of(
    participants: QuerySet[OnlineParticipant],
) -> tuple[list[str], list[list]]:
    """Online participants with the sessions they chose ("all" when none)."""
    header = [
        _("Name"),
        _("Email"),
        _("Organisation"),
        _("Language"),
        _("Sessions to follow"),
        _("Signed up"),
    ]
    rows = [
        [
            participant.name,
            participant.email,
            participant.organisation,
            participant.get_language_display(),
            "; ".join(session.title for session in participant.sessions.all())
            or _("All sessions streamed online"),
            participant.created_at.strftime("%Y-%m-%d %H:%M"),
        ]
        for participant in participants.prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("start", "title"))
        ).order_by("created_at", "pk")
    ]
    return header, rows


# A cell starting with one of these is a formula to Excel, LibreOffice and Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Neutralise a text cell a spreadsheet would run as a formula.

    OWASP's CSV-injection guidance: prefix such a cell with a single quote, so that
    a name like "=HYPERLINK(...)" stays text. Numbers and dates pass unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_rows(rows: list[list]) -> list[list]:
    return [[safe_cell(value) for value in row] for row in rows]


def to_csv(header: list[str], rows: list[list]) -> bytes:
    """CSV with a byte-order mark, so that Excel reads the accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(safe_rows(rows))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(header: list[str], rows: list[list], title: str) -> bytes:
    """One worksheet named after the report (Excel allows 31 characters)."""
    from openpyxl import Workbook  # lazy: heavy, needed only for .xlsx

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in safe_rows(rows):
        sheet.append(row)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
