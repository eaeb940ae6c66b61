"""The programme as attendees read it: days, slots of parallel sessions, entries.

Presentation, not queries: these functions take sessions read by
``events.selectors`` and turn them into the plain strings and groups the
programme page renders.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from django.utils.translation import gettext as _

from events.content_language import fallback_lang
from events.languages import LanguageCode
from events.models import Conference, Session
from events.selectors import conference_days, prefetched
from events.slug_urls import online_signup_url, slug_url_pattern
from events.typography import and_join, semicolon_join

FULL_WIDTH_KINDS = frozenset(
    {
        Session.Kind.REGISTRATION,
        Session.Kind.OPENING,
        Session.Kind.KEYNOTE,
        Session.Kind.PLENARY,
        Session.Kind.BREAK,
        Session.Kind.LUNCH,
        Session.Kind.CLOSING,
    }
)


@dataclass
class ProgrammeSlot:
    """Sessions that overlap in time: one plenary, or side events side by side."""

    start: datetime
    end: datetime
    sessions: list[Session] = field(default_factory=list)
    entries: list["ProgrammeEntry"] = field(default_factory=list)
    html: str = ""  # the entries' markup (events.programme_html.write_entries)

    @property
    def is_parallel(self) -> bool:
        return len(self.sessions) > 1 or any(
            session.kind not in FULL_WIDTH_KINDS for session in self.sessions
        )


@dataclass
class ProgrammeDay:
    number: int
    date: date
    slots: list[ProgrammeSlot] = field(default_factory=list)


def programme_days(
    conference: Conference, sessions: Iterable[Session]
) -> list[ProgrammeDay]:
    """Group sessions by local day, then into slots of overlapping sessions.

    Overlap, not equal times, makes a slot, so a 16:45 side event sits beside one
    starting at 17:00; parallel sessions are ordered by room as on the paper.
    """
    days = {
        day: ProgrammeDay(number=number, date=day)
        for number, day in enumerate(conference_days(conference), start=1)
    }
    for session in sorted(sessions, key=lambda s: (s.start, s.end)):
        day = conference.local(session.start).date()
        programme_day = days.setdefault(day, ProgrammeDay(number=0, date=day))
        slot = programme_day.slots[-1] if programme_day.slots else None
        if slot is not None and session.start < slot.end:
            slot.sessions.append(session)
            slot.end = max(slot.end, session.end)
        else:
            programme_day.slots.append(
                ProgrammeSlot(start=session.start, end=session.end, sessions=[session])
            )
    for programme_day in days.values():
        for slot in programme_day.slots:
            slot.sessions.sort(key=_room_order)
    return [days[day] for day in sorted(days) if days[day].slots]


def _room_order(session: Session) -> tuple:
    room = session.room
    return (room is None, room.order if room else 0, room.name if room else "")


def now_and_next(
    conference: Conference, sessions: Iterable[Session], now: datetime
) -> tuple[set[int], set[int]]:
    """Ids of sessions running now and of those starting next, on the same day.

    Empty outside the conference's dates, so archived programmes carry no marker.
    """
    today = conference.local(now).date()
    if not (conference.start_date <= today <= conference.end_date):
        return set(), set()
    todays = [s for s in sessions if conference.local(s.start).date() == today]
    running = {s.pk for s in todays if s.start <= now < s.end}
    upcoming = [s for s in todays if s.start > now]
    if not upcoming:
        return running, set()
    first = min(s.start for s in upcoming)
    return running, {s.pk for s in upcoming if s.start == first}


@dataclass
class ProgrammeEntry:
    """What one programme entry shows, as plain strings made once per request.

    The programme page renders a thousand of these: building them in Python, with
    URLs formatted from one reversed pattern and labels translated once per kind,
    mode and platform, keeps the template a loop of plain variables.
    """

    pk: int
    kind: str
    marker: str  # "now", "next" or ""
    start_iso: str
    start_time: str
    end_iso: str
    end_time: str
    room_name: str
    room_lang: str  # "en" where the room's name falls back to English, else ""
    room_url: str
    kind_label: str
    is_draft: bool
    url: str
    title: str
    title_lang: str
    organisers_label: str
    organisers: list[tuple[str, str, str, str]]  # (url, name, separator, lang)
    shows_access: bool
    access: str
    shows_online: bool
    online_url: str
    online_external: bool
    online_text: str
    meeting_id: str
    passcode: str


NO_ACCESS_KINDS = frozenset(
    {Session.Kind.BREAK, Session.Kind.LUNCH, Session.Kind.REGISTRATION}
)


class _EntryTexts:
    """Translations and URL patterns of a request, each resolved once."""

    def __init__(self, conference: Conference) -> None:
        slug = conference.slug
        self.session_url = slug_url_pattern(
            "events:session", "session", conference=slug
        )
        self.room_url = slug_url_pattern("events:room", "room", conference=slug)
        # One sign-up per conference; each session's link pre-selects the session.
        signup = online_signup_url(conference)
        self.signup_url = f"{signup}?session={{}}" if signup else ""
        self.organisation_url = slug_url_pattern("events:organisation", "organisation")
        self.kinds = {value: str(label) for value, label in Session.Kind.choices}
        self.modes = {
            value: str(label) for value, label in Session.AttendanceMode.choices
        }
        self.languages = {value: str(label) for value, label in LanguageCode.choices}
        self.organiser = _("Organiser:")
        self.co_organisers = _("Co-organisers:")
        self.and_ = f" {_('and')} "
        self.online = _("online")
        self.link_sent = _("The online link is sent to registered participants.")
        self.meeting_id = _("Meeting ID")
        self.passcode = _("Passcode")
        self.join = _("Join via %(platform)s")
        self.register = _("Register for the %(platform)s link")
        self.online_via = _("Online via %(platform)s")
        self._memo: dict[tuple[str, str], str] = {}

    def platform_text(self, message: str, platform: str) -> str:
        key = (message, platform)
        if key not in self._memo:
            self._memo[key] = message % {"platform": platform}
        return self._memo[key]

    def interpretation(self, codes: list[str]) -> str:
        key = ("interpretation", ",".join(codes))
        if key not in self._memo:
            names = and_join([self.languages.get(code, code) for code in codes])
            self._memo[key] = _("Interpretation: %(languages)s") % {"languages": names}
        return self._memo[key]


def programme_entries(
    conference: Conference,
    days: list[ProgrammeDay],
    running: set[int],
    upcoming: set[int],
) -> list[ProgrammeDay]:
    """Fill each slot's ``entries`` with what its sessions show on the programme.

    Sessions must come from ``programme_sessions`` (room and organisers attached).
    """
    texts = _EntryTexts(conference)
    zone = conference.tzinfo
    for day in days:
        for slot in day.slots:
            slot.entries = [
                _entry(session, texts, zone, running, upcoming)
                for session in slot.sessions
            ]
    return days


def _entry(
    session: Session,
    texts: _EntryTexts,
    zone: tzinfo,
    running: set[int],
    upcoming: set[int],
) -> ProgrammeEntry:
    start = session.start.astimezone(zone)
    end = session.end.astimezone(zone)
    room = session.room
    links = [link.organisation for link in prefetched(session, "organisers")]
    organisers = []
    for index, organisation in enumerate(links):
        remaining = len(links) - index
        separator = "" if remaining == 1 else texts.and_ if remaining == 2 else ", "
        organisers.append(
            (
                texts.organisation_url.format(organisation.slug),
                organisation.display_name,
                separator,
                fallback_lang(
                    organisation, "short_name" if organisation.short_name else "name"
                ),
            )
        )
    access = texts.modes.get(session.attendance_mode, session.attendance_mode)
    if session.interpretation_languages:
        interpretation = texts.interpretation(session.interpretation_languages)
        access = semicolon_join(access, interpretation)
    platform = session.online_platform
    online_url, online_external, online_text = "", False, ""
    # A link given on registration is sent by e-mail, never shown.
    private = session.online_link_on_registration
    if session.online_join_url and not private:
        online_url, online_external = session.online_join_url, True
        online_text = texts.platform_text(texts.join, platform or texts.online)
    elif session.online_registration_url:
        online_url, online_external = session.online_registration_url, True
        online_text = texts.platform_text(texts.register, platform or texts.online)
    elif private:
        # The conference's one online sign-up, with this session ticked.
        if texts.signup_url:
            online_url = texts.signup_url.format(session.slug)
            online_text = texts.platform_text(texts.register, platform or texts.online)
        else:
            online_text = texts.link_sent
    elif platform:
        online_text = texts.platform_text(texts.online_via, platform)
    pk = session.pk
    return ProgrammeEntry(
        pk=pk,
        kind=session.kind,
        marker="now" if pk in running else "next" if pk in upcoming else "",
        start_iso=start.isoformat(),
        start_time=f"{start:%H:%M}",
        end_iso=end.isoformat(),
        end_time=f"{end:%H:%M}",
        room_name=room.name if room else "",
        room_lang=fallback_lang(room, "name") if room else "",
        room_url=texts.room_url.format(room.slug) if room else "",
        kind_label=texts.kinds.get(session.kind, session.kind),
        is_draft=not session.is_published,
        url=texts.session_url.format(session.slug),
        title=session.title,
        title_lang=fallback_lang(session, "title"),
        organisers_label=texts.organiser if len(links) == 1 else texts.co_organisers,
        organisers=organisers,
        shows_access=session.kind not in NO_ACCESS_KINDS,
        access=access,
        shows_online=session.attendance_mode != Session.AttendanceMode.IN_PERSON,
        online_url=online_url,
        online_external=online_external,
        online_text=online_text,
        meeting_id="" if private else session.online_meeting_id,
        passcode="" if private else session.online_passcode,
    )
