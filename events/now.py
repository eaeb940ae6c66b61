"""The conference while it runs: the one clock, today, and the Now / Next strip.

Everything that depends on "now" asks ``now()`` here, so tests and browser tests
move one clock (time-machine, or monkeypatching ``django.utils.timezone.now``).
The page only chooses which sessions to send (today's, with their times); the
browser marks what runs now and what is next (``events/static/events/programme.js``,
``screen.js``), so a page served from the cache never shows a stale marker. What the
server still takes from the clock is the date: the programme opens on today and the
strip lists today's sessions. Such a page tells the page cache until when it holds
(``HOLDS_UNTIL``: the next midnight in the conference's zone that changes "today").
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

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


# The attribute of a response whose text follows the conference's day: the moment
# (seconds since the epoch) it stops being the page of today (alliance.cache reads it).
HOLDS_UNTIL = "holds_until"


def next_day_change(
    conference: Conference, at: datetime | None = None
) -> datetime | None:
    """When ``conference_today`` next changes: the first day's midnight, or the next
    midnight during the conference; None once the conference is over."""
    local_today = conference.local(at or now()).date()
    if local_today < conference.start_date:
        day = conference.start_date
    elif local_today <= conference.end_date:
        day = local_today + timedelta(days=1)
    else:
        return None
    return datetime.combine(day, time(0), conference.tzinfo)


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
    """Today's sessions in order of start, for the strip, none marked.

    All of the day is sent, hidden: the browser shows each room's running and next
    session from their times, so the strip is the same all day long (and can be
    cached). Empty outside the conference's days.
    """
    today = conference_today(conference, at)
    if today is None:
        return []
    todays = [s for s in sessions if conference.local(s.start).date() == today]
    days = programme_entries(
        conference, programme_days(conference, todays), set(), set()
    )
    entries = [entry for day in days for slot in day.slots for entry in slot.entries]
    return sorted(entries, key=lambda e: e.start_iso)
