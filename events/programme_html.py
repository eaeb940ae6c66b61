"""The markup of programme entries, written in Python.

The 1,000-session programme spent half its time in Django's template loop over
its entries (a variable lookup, a filter and an escape per value). The entries
are plain strings already (``events.programme.ProgrammeEntry``), so each one is
written here with the same escaping as the template's, byte for byte what
``templates/events/programme.html`` rendered (the tests keep that markup as an
oracle and compare both).
"""

from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from events.programme import ProgrammeDay, ProgrammeEntry


class _Labels:
    """The labels every entry may show, translated and escaped once."""

    def __init__(self, request: HttpRequest) -> None:
        self.now = conditional_escape(_("Happening now"))
        self.next = conditional_escape(_("Next"))
        self.draft = conditional_escape(_("Draft"))
        self.meeting_id = conditional_escape(_("Meeting ID"))
        self.passcode = conditional_escape(_("Passcode"))
        self.origin = (
            f"{conditional_escape(request.scheme)}://"
            f"{conditional_escape(request.get_host())}"
        )


def _lang(lang: str) -> str:
    return f' lang="{conditional_escape(lang)}"' if lang else ""


def _online(e: ProgrammeEntry, labels: _Labels, esc) -> str:
    text = esc(e.online_text)
    if e.online_url:
        url = esc(e.online_url)
        where = (
            ' rel="noopener"'
            if e.online_external
            else f' data-print-href="{labels.origin}{url}"'
        )
        link = (
            f'<a href="{url}"{where}>{text}'
            f'<span class="visually-hidden">: {esc(e.title)}</span></a>'
        )
    else:
        link = text
    codes = ""
    if e.meeting_id or e.passcode:
        parts = []
        if e.meeting_id:
            parts.append(
                f'<span class="nowrap">{labels.meeting_id}: {esc(e.meeting_id)}</span>'
            )
        if e.passcode:
            parts.append(
                f'<span class="nowrap">{labels.passcode}: {esc(e.passcode)}</span>'
            )
        codes = "<br>" + " · ".join(parts)
    return f'<p class="online">{link}\n{codes}</p>\n'


def entry_html(e: ProgrammeEntry, labels: _Labels) -> str:
    """One ``<article>`` of the programme, with the newlines around it."""
    esc = conditional_escape
    modifier = (
        " entry--now"
        if e.marker == "now"
        else " entry--next"
        if e.marker == "next"
        else ""
    )
    marker = (
        f'<p class="marker marker--now">{labels.now}</p>'
        if e.marker == "now"
        else f'<p class="marker marker--next">{labels.next}</p>'
        if e.marker == "next"
        else ""
    )
    start_iso, end_iso = esc(e.start_iso), esc(e.end_iso)
    room = ""
    if e.room_url:
        room = (
            f' · <a href="{esc(e.room_url)}"{_lang(e.room_lang)}>{esc(e.room_name)}</a>'
        )
    draft = f' · <strong class="draft">{labels.draft}</strong>' if e.is_draft else ""
    title_lang = _lang(e.title_lang)
    organisers = ""
    if e.organisers:
        links = "".join(
            f'<a href="{esc(url)}"{_lang(lang)}>{esc(name)}</a>{esc(separator)}'
            for url, name, separator, lang in e.organisers
        )
        organisers = (
            f'<p class="organisers"><span class="label">{esc(e.organisers_label)}'
            f"</span> {links}</p>"
        )
    access = ""
    if e.shows_access:
        access = f'<p class="access">{esc(e.access)}</p>\n'
        if e.shows_online:
            access += _online(e, labels, esc)
    return (
        f'\n<article class="entry entry--{esc(e.kind)}{modifier}"'
        f' aria-labelledby="s-{e.pk}" data-star="{e.pk}"'
        f' data-start="{start_iso}" data-end="{end_iso}">\n'
        f"  {marker}\n"
        f'  <p class="entry__meta"><time datetime="{start_iso}">{esc(e.start_time)}'
        f'</time>–<time datetime="{end_iso}">{esc(e.end_time)}</time>{room}'
        f' · <span class="kind">{esc(e.kind_label)}</span>{draft}</p>\n'
        f'  <h3 class="entry__title" id="s-{e.pk}"><a href="{esc(e.url)}"{title_lang}>'
        f"{esc(e.title)}</a></h3>\n"
        f"  {organisers}\n"
        f"  {access}\n"
        "</article>\n"
    )


def write_entries(days: list[ProgrammeDay], request: HttpRequest) -> list[ProgrammeDay]:
    """Give each slot its entries' markup (``slot.html``), ready to print."""
    labels = _Labels(request)
    for day in days:
        for slot in day.slots:
            # Every value is escaped in entry_html, as the template escaped it.
            slot.html = mark_safe("".join(entry_html(e, labels) for e in slot.entries))
    return days
