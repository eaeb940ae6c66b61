"""Printable badges (PDF) with the check-in QR code, drawn with reportlab."""

import io
from collections.abc import Iterable
from functools import cache

from django.contrib.staticfiles import finders
from reportlab.lib.pagesizes import A6, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from registration.emails import qr_png
from registration.models import Registration


@cache
def _fonts() -> tuple[str, str]:
    """DejaVu Sans, shipped with the static files, so Cyrillic names print too."""
    regular = finders.find("alliance/fonts/DejaVuSans.ttf")
    bold = finders.find("alliance/fonts/DejaVuSans-Bold.ttf")
    if not (regular and bold):
        return "Helvetica", "Helvetica-Bold"
    pdfmetrics.registerFont(TTFont("DejaVuSans", regular))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", bold))
    return "DejaVuSans", "DejaVuSans-Bold"


def badges_pdf(registrations: Iterable[Registration]) -> bytes:
    """One A6 landscape page per person: name, organisation, delegation, QR code."""
    buffer = io.BytesIO()
    width, height = landscape(A6)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle("Badges")
    regular, bold = _fonts()
    for registration in registrations:
        pdf.setFont(regular, 9)
        pdf.drawString(8 * mm, height - 10 * mm, str(registration.conference)[:70])
        pdf.setFont(bold, 18)
        pdf.drawString(8 * mm, height - 30 * mm, registration.given_name[:30])
        pdf.drawString(8 * mm, height - 38 * mm, registration.family_name[:30])
        pdf.setFont(regular, 11)
        pdf.drawString(8 * mm, height - 50 * mm, registration.organisation[:45])
        pdf.drawString(8 * mm, height - 56 * mm, registration.delegation[:45])
        image = ImageReader(io.BytesIO(qr_png(registration.checkin_code)))
        pdf.drawImage(image, width - 45 * mm, 8 * mm, 38 * mm, 38 * mm)
        pdf.setFont(regular, 7)
        pdf.drawString(width - 45 * mm, 5 * mm, registration.checkin_code)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
