"""The proposals of a call with their scores, as an XLSX workbook (openpyxl)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from proposals import selectors
from proposals.models import Call


def _cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def proposals_xlsx(call: Call) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Proposals")
    sheet.append(
        [
            _("Title"),
            _("Status"),
            _("Submitting organisation"),
            _("Co-organisers"),
            _("Contact person"),
            _("Contact e-mail"),
            _("Average score"),
            _("Reviews"),
            _("Preferred slots"),
            _("Clashes"),
        ]
    )
    for row in selectors.table(call):
        proposal = row.proposal
        sheet.append(
            [
                _cell(value)
                for value in (
                    proposal.title,
                    proposal.get_status_display(),
                    proposal.organisation,
                    "; ".join(proposal.co_organisers),
                    proposal.contact_name,
                    proposal.contact_email,
                    round(row.average, 2) if row.average is not None else None,
                    row.reviews,
                    "; ".join(str(slot) for slot in row.slots),
                    "; ".join(row.clashes),
                )
            ]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
