"""The programme entries written in Python against the markup they replaced.

programme_entry_oracle.html is the entry loop of templates/events/programme.html
as it was before events.programme_html wrote the entries: every variant of an
entry (markers, drafts, rooms, organisers, online access) must
come out byte for byte as Django's template engine rendered it, in English and
Russian.
"""

import dataclasses
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from events.programme import ProgrammeEntry
from events.programme_html import _Labels, entry_html

ORACLE = (Path(__file__).parent / "programme_entry_oracle.html").read_text()

BASE = ProgrammeEntry(
    pk=7,
    kind="side_event",
    marker="",
    start_iso="2026-10-20T09:00:00+02:00",
    start_time="09:00",
    end_iso="2026-10-20T10:00:00+02:00",
    end_time="10:00",
    room_name='Room <B> & "C"',
    room_lang="",
    room_url="/en/alliance-26/rooms/b/",
    kind_label="Side event",
    is_draft=False,
    url="/en/alliance-26/sessions/s/",
    title="Survivors' voices & <justice>",
    title_lang="",
    organisers_label="Co-organisers:",
    organisers=[
        ("/en/organisations/a/", "OSCE & Co", ", ", ""),
        ("/en/organisations/b/", "UNODC", " and ", "en"),
        ("/en/organisations/c/", "Группа «Ц»", "", ""),
    ],
    shows_access=True,
    access="In person and online; interpretation: English & Russian",
    shows_online=True,
    online_url="https://meet.example.org/j/1?a=1&b=2",
    online_external=True,
    online_text="Join via Zoom",
    meeting_id="123 456",
    passcode="p<w>",
)

VARIANTS = {
    "plain": {},
    "now": {"marker": "now"},
    "next": {"marker": "next"},
    "draft, English fallbacks": {
        "is_draft": True,
        "title_lang": "en",
        "room_lang": "en",
    },
    "no room, one organiser": {
        "room_url": "",
        "room_name": "",
        "organisers": [("/en/organisations/a/", "OSCE", "", "")],
        "organisers_label": "Organiser:",
    },
    "no organisers": {"organisers": []},
    "no access line": {"shows_access": False},
    "in person only": {"shows_online": False},
    "sign-up link on this site": {
        "online_url": "/en/alliance-26/register/online/s/",
        "online_external": False,
    },
    "online text only": {"online_url": "", "online_text": "Online via Teams"},
    "meeting id only": {"passcode": ""},
    "passcode only": {"meeting_id": ""},
    "no codes": {"meeting_id": "", "passcode": ""},
}


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_entry_markup_is_what_the_template_rendered(language, variant):
    entry = dataclasses.replace(BASE, **VARIANTS[variant])
    request = RequestFactory().get("/en/alliance-26/programme/")
    with translation.override(language):
        expected = (
            engines["django"]
            .from_string(ORACLE)
            .render({"entries": [entry], "request": request})
        )
        written = entry_html(entry, _Labels(request))

    assert written == expected
