"""VTIMEZONE components from yearly rules, which every calendar client reads alike.

icalendar's ``Timezone.from_tzid`` lists every changeover of a zone as one long
comma-separated RDATE. RFC 5545 allows it, but ical.js (the parser of Thunderbird,
Nextcloud and many web calendars) reads only the first value of such a list and so
places every summer event an hour late. A zone written as one RRULE per kind of
changeover (``BYMONTH=3;BYDAY=-1SU`` and ``BYMONTH=10;BYDAY=-1SU`` for Vienna) is
read right by every client tried, so the rules are derived here from the zone data
itself, for any zone, around the year a conference takes place.
"""

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import icalendar

# A changeover is found to the minute: offsets in the zone data are whole minutes.
_STEP = timedelta(days=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Changeover:
    """One moment at which a zone's offset (or its name) changes."""

    at: datetime  # UTC
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def local(self) -> datetime:
        """The wall-clock moment of the change, as read before it (RFC 5545 3.6.5)."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    @property
    def kind(self) -> tuple:
        return (self.offset_from, self.offset_to, self.name, self.daylight)

    @property
    def byday(self) -> str:
        """The weekday rule of the change: "-1SU" for the last Sunday, "2SU" …"""
        local = self.local
        weekday = _WEEKDAYS[local.weekday()]
        last_day = calendar.monthrange(local.year, local.month)[1]
        if local.day + 7 > last_day:
            return f"-1{weekday}"
        return f"{(local.day - 1) // 7 + 1}{weekday}"


def _state(zone: ZoneInfo, moment: datetime) -> tuple[timedelta, str, bool]:
    local = moment.astimezone(zone)
    return (
        local.utcoffset() or timedelta(0),
        local.tzname() or "",
        bool(local.dst()),
    )


def changeovers(zone_name: str, start: date, end: date) -> list[Changeover]:
    """Every change of the zone's offset or name between two dates, in order."""
    zone = ZoneInfo(zone_name)
    moment = datetime(start.year, start.month, start.day, tzinfo=UTC)
    stop = datetime(end.year, end.month, end.day, tzinfo=UTC)
    found = []
    state = _state(zone, moment)
    while moment < stop:
        following = moment + _STEP
        next_state = _state(zone, following)
        if next_state != state:
            low, high = moment, following  # the change lies in (low, high]
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            at = high.replace(second=0, microsecond=0)
            found.append(
                Changeover(
                    at=at,
                    offset_from=state[0],
                    offset_to=next_state[0],
                    name=next_state[1],
                    daylight=next_state[2],
                )
            )
            state = next_state
        moment = following
    return found


def _component(first: Changeover, rule: dict | None, dates: list[datetime]):
    component = (
        icalendar.TimezoneDaylight() if first.daylight else icalendar.TimezoneStandard()
    )
    component.add("dtstart", first.local)
    component.add("tzoffsetfrom", first.offset_from)
    component.add("tzoffsetto", first.offset_to)
    if first.name:
        component.add("tzname", first.name)
    if rule:
        component.add("rrule", rule)
    for moment in dates:  # one value a property: ical.js reads only the first
        component.add("rdate", moment)
    return component


def _yearly_rule(group: list[Changeover], last_year: int) -> dict | None:
    """The RRULE that yields every changeover of the group, or None if none does."""
    first = group[0]
    if len(group) == 1:  # DTSTART alone is the one onset
        return None
    same = all(
        (c.local.month, c.local.time(), c.byday)
        == (first.local.month, first.local.time(), first.byday)
        for c in group
    )
    years = [c.local.year for c in group]
    consecutive = years == list(range(years[0], years[0] + len(years)))
    if not (same and consecutive):
        return None
    rule = {"freq": "yearly", "bymonth": first.local.month, "byday": first.byday}
    if group[-1].local.year < last_year:  # the zone gives this change up
        rule["until"] = group[-1].at
    return rule


@lru_cache(maxsize=64)
def vtimezone(zone_name: str, year: int) -> icalendar.Timezone:
    """The zone as it stands around ``year``: yearly rules where the zone has them.

    The window (the year before to two years after) holds every session of a
    conference of that year; a zone without changes there (Asia/Tashkent) gets one
    STANDARD component, and changes that follow no yearly rule are listed one
    RDATE a line.
    """
    zone = ZoneInfo(zone_name)
    timezone = icalendar.Timezone()
    timezone.add("tzid", zone_name)
    found = changeovers(zone_name, date(year - 1, 1, 1), date(year + 2, 1, 1))
    if not found:
        offset, name, daylight = _state(zone, datetime(year, 1, 1, tzinfo=UTC))
        epoch = datetime(1970, 1, 1, tzinfo=UTC) - offset  # 19700101T000000 local
        timezone.add_component(
            _component(Changeover(epoch, offset, offset, name, daylight), None, [])
        )
        return timezone
    groups: dict[tuple, list[Changeover]] = {}
    for change in found:
        groups.setdefault(change.kind, []).append(change)
    for group in groups.values():
        rule = _yearly_rule(group, year + 1)
        dates = [] if rule or len(group) == 1 else [c.local for c in group[1:]]
        timezone.add_component(_component(group[0], rule, dates))
    return timezone
