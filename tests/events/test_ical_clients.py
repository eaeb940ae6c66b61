"""Every feed read by the calendar clients people use, times checked against the data.

ical.js is the parser of Thunderbird's and Nextcloud's calendars and of many web
calendars (run here by node from npm, as `make test` installs it); icalendar and
ics are two independent Python readers. Each must place every event at the UTC
moment stored in the database, in zones with other rules than Vienna's, and on
both sides of a change to summer time.
"""

import datetime as dt
import json
import os
import shutil
import subprocess
import zoneinfo
from pathlib import Path

import ics
import pytest
from icalendar import Calendar

from events.ical import session_guid
from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ICAL_JS = ROOT / "node_modules" / "ical.js"
READER = ROOT / "tests" / "js" / "ical_starts.mjs"

# A conference in each zone, over the weekend its clocks change (Tashkent's do not).
ZONES = {
    "Europe/Vienna": (dt.date(2026, 3, 28), dt.date(2026, 3, 30)),
    "America/New_York": (dt.date(2026, 3, 7), dt.date(2026, 3, 9)),
    "Asia/Tashkent": (dt.date(2026, 4, 20), dt.date(2026, 4, 21)),
}


@pytest.fixture(autouse=True)
def _uncached(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False


def node_or_skip() -> str:
    node = shutil.which("node")
    if node and ICAL_JS.exists():
        return node
    reason = "node and node_modules/ical.js are needed (make test installs them)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the ical.js check must run)")
    pytest.skip(reason)


def read_with_ical_js(paths: list[Path]) -> dict[str, list[dict]]:
    output = subprocess.run(  # noqa: S603 -- fixed arguments, test files only
        [node_or_skip(), str(READER), *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return json.loads(output)


def conference_in(zone: str):
    start, end = ZONES[zone]
    tz = zoneinfo.ZoneInfo(zone)
    conference = factories.ConferenceFactory(
        slug=f"in-{zone.split('/')[1].lower()}",
        time_zone=zone,
        start_date=start,
        end_date=end,
    )
    for day, hour in ((0, 10), (0, 23), (1, 9), (1, 16), (2, 10)):
        moment = dt.datetime.combine(start + dt.timedelta(days=day), dt.time(hour))
        factories.SessionFactory(conference=conference, start=moment.replace(tzinfo=tz))
    return conference


def feed_paths(conference) -> list[str]:
    sessions = list(conference.sessions.order_by("start"))
    days = sorted({conference.local(s.start).date() for s in sessions})
    return [
        "schedule.ics",
        *(f"days/{day.isoformat()}.ics" for day in days),
        *(f"rooms/{s.room.slug}.ics" for s in sessions),
        *(f"sessions/{s.slug}.ics" for s in sessions),
    ]


def expected_times(conference) -> dict[str, tuple[str, str]]:
    return {
        f"{session_guid(s)}@alliance": (
            s.start.astimezone(dt.UTC).isoformat(),
            s.end.astimezone(dt.UTC).isoformat(),
        )
        for s in conference.sessions.all()
    }


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


@pytest.mark.parametrize("zone", list(ZONES))
def test_every_feed_has_the_right_utc_times_in_every_client(client, tmp_path, zone):
    conference = conference_in(zone)
    expected = expected_times(conference)
    files = {}
    for index, path in enumerate(feed_paths(conference)):
        response = client.get(f"/feeds/{conference.slug}/{path}")
        assert response.status_code == 200, path
        files[path] = tmp_path / f"{index}.ics"
        files[path].write_bytes(response.content)

    by_ical_js = read_with_ical_js(list(files.values()))

    for path, file in files.items():
        content = file.read_bytes()
        from_js = {
            e["uid"]: (
                dt.datetime.fromisoformat(e["start"].replace("Z", "+00:00")),
                dt.datetime.fromisoformat(e["end"].replace("Z", "+00:00")),
            )
            for e in by_ical_js[str(file)]
        }
        from_icalendar = {
            str(e["UID"]): (e.decoded("DTSTART"), e.decoded("DTEND"))
            for e in Calendar.from_ical(content).walk("VEVENT")
        }
        from_ics = {
            e.uid: (e.begin, e.end) for e in ics.Calendar(content.decode()).events
        }
        for reader, events in (
            ("ical.js", from_js),
            ("icalendar", from_icalendar),
            ("ics", from_ics),
        ):
            assert events, (reader, path)
            seen = {uid: (iso(start), iso(end)) for uid, (start, end) in events.items()}
            assert seen == {uid: expected[uid] for uid in seen}, (reader, path)
    whole = by_ical_js[str(files["schedule.ics"])]
    assert sorted(e["uid"] for e in whole) == sorted(expected)
