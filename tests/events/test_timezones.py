"""VTIMEZONE from yearly rules: derived from the zone data, for any zone."""

import datetime as dt
import zoneinfo

import pytest
from icalendar import Calendar

from events.timezones import changeovers, vtimezone

HOUR = dt.timedelta(hours=1)


def lines_of(zone: str, year: int) -> list[str]:
    return vtimezone(zone, year).to_ical().decode().split("\r\n")[:-1]


def test_vienna_is_two_yearly_rules():
    assert lines_of("Europe/Vienna", 2026) == [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Vienna",
        "BEGIN:DAYLIGHT",
        "DTSTART:20250330T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZNAME:CEST",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20251026T030000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "TZNAME:CET",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def test_new_york_changes_on_the_second_and_first_sunday():
    lines = lines_of("America/New_York", 2026)

    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in lines
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11" in lines
    assert [line for line in lines if line.startswith("RDATE")] == []


def test_a_zone_without_changes_is_one_standard_component():
    assert lines_of("Asia/Tashkent", 2026) == [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Tashkent",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZNAME:+05",
        "TZOFFSETFROM:+0500",
        "TZOFFSETTO:+0500",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def test_changes_without_a_yearly_rule_get_one_rdate_a_line():
    """Morocco's changes follow Ramadan: no RRULE fits, and no comma list is used."""
    lines = lines_of("Africa/Casablanca", 2026)

    rdates = [line for line in lines if line.startswith("RDATE")]
    assert rdates
    assert all("," not in line for line in rdates)
    assert [line for line in lines if line.startswith("RRULE")] == []


def test_a_change_the_zone_gives_up_ends_its_rule():
    """Yukon kept summer time (as its standard time) from November 2020 on."""
    assert lines_of("America/Whitehorse", 2020) == [
        "BEGIN:VTIMEZONE",
        "TZID:America/Whitehorse",
        "BEGIN:DAYLIGHT",
        "DTSTART:20190310T020000",
        "RRULE:FREQ=YEARLY;UNTIL=20200308T100000Z;BYDAY=2SU;BYMONTH=3",
        "TZNAME:PDT",
        "TZOFFSETFROM:-0800",
        "TZOFFSETTO:-0700",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20191103T020000",
        "TZNAME:PST",
        "TZOFFSETFROM:-0700",
        "TZOFFSETTO:-0800",
        "END:STANDARD",
        "BEGIN:STANDARD",
        "DTSTART:20201101T000000",
        "TZNAME:MST",
        "TZOFFSETFROM:-0700",
        "TZOFFSETTO:-0700",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def test_changeovers_are_found_to_the_minute():
    found = changeovers("Europe/Vienna", dt.date(2026, 1, 1), dt.date(2027, 1, 1))

    assert [(c.at, c.offset_from, c.offset_to, c.name) for c in found] == [
        (dt.datetime(2026, 3, 29, 1, tzinfo=dt.UTC), HOUR, 2 * HOUR, "CEST"),
        (dt.datetime(2026, 10, 25, 1, tzinfo=dt.UTC), 2 * HOUR, HOUR, "CET"),
    ]
    assert [c.byday for c in found] == ["-1SU", "-1SU"]


@pytest.mark.parametrize(
    ("zone", "year"),
    [("Europe/Vienna", 2016), ("Europe/Vienna", 2026), ("America/New_York", 2026)],
)
def test_icalendar_resolves_local_times_as_the_zone_data(zone, year):
    """Noon of every month of the year, read through the VTIMEZONE, is right."""
    tz = zoneinfo.ZoneInfo(zone)
    calendar = Calendar.from_ical(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        + vtimezone(zone, year).to_ical().decode()
        + "".join(
            f"BEGIN:VEVENT\r\nUID:{month}\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART;TZID={zone}:{year}{month:02}15T120000\r\nEND:VEVENT\r\n"
            for month in range(1, 13)
        )
        + "END:VCALENDAR\r\n"
    )
    for event in calendar.walk("VEVENT"):
        month = int(str(event["UID"]))
        expected = dt.datetime(year, month, 15, 12, tzinfo=tz).astimezone(dt.UTC)
        assert event.decoded("DTSTART").astimezone(dt.UTC) == expected
