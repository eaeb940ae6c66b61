"""The conference while it runs: the one clock, today, and the Now / Next strip.

Everything that depends on "now" asks ``now()`` here, so tests and browser tests
move one clock (time-machine, or monkeypatching ``django.utils.timezone.now``).
The page only chooses which sessions to send; the browser marks what runs now and
what is next from their times (``events/static/events/programme.js``), so a page
served from the cache never shows a stale marker.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.utils import timezone

from events.models import Conference, Session
from events.programme import ProgrammeEntry, programme_days, programme_entries


def now() -> datetime:
    """The current moment: the project's one clock."""
    return timezone.now()


def conference_today(conference: Conference, at: datetime | None = None) -> date | None:
    """Today in the conference's zone, if it is one of the conference's days."""
    today = conference.local(at or now()).date()
    if conference.start_date <= today <= conference.end_date:
        return today
    return None


def _room_key(session: Session) -> int | None:
    return session.room_id


def now_next(
    conference: Conference, sessions: Iterable[Session], at: datetime
) -> tuple[set[int], set[int]]:
    """Ids of today's sessions running now, and of each room's next session."""
    today = conference_today(conference, at)
    if today is None:
        return set(), set()
    todays = [s for s in sessions if conference.local(s.start).date() == today]
    running = {s.pk for s in todays if s.start <= at < s.end}
    next_start: dict[int | None, datetime] = {}
    for session in sorted(todays, key=lambda s: s.start):
        if session.start > at:
            next_start.setdefault(_room_key(session), session.start)
    upcoming = {
        s.pk for s in todays if s.start > at and s.start == next_start[_room_key(s)]
    }
    return running, upcoming


def strip_entries(
    conference: Conference, sessions: Iterable[Session], at: datetime
) -> list[ProgrammeEntry]:
    """Today's sessions not yet over, marked now / next by room, for the strip.

    Those neither running nor next are sent too (hidden), for the browser to
    show when their time comes. Empty outside the conference's days.
    """
    today = conference_today(conference, at)
    if today is None:
        return []
    todays = [
        s for s in sessions if conference.local(s.start).date() == today and s.end > at
    ]
    running, upcoming = now_next(conference, todays, at)
    days = programme_entries(
        conference, programme_days(conference, todays), running, upcoming
    )
    entries = [entry for day in days for slot in day.slots for entry in slot.entries]
    order = {"now": 0, "next": 1, "": 2}
    return sorted(entries, key=lambda e: (order[e.marker], e.start_iso))
