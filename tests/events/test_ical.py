"""Calendar feeds, read back with icalendar and with the independent ics package."""

import datetime as dt
from pathlib import Path

import icalendar
import ics
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory
from icalendar import Calendar

from events.ical import calendar_for_sessions, session_guid
from events.models import Conference, Session
from events.selectors import with_feed_details
from events.services import save_session, touch_sessions
from tests import factories
from tests.events.ical_oracle import event_for

pytestmark = pytest.mark.django_db

VIENNA = factories.VIENNA
FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture(autouse=True)
def _uncached(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, minute, tzinfo=VIENNA)


@pytest.fixture
def conference() -> Conference:
    return factories.ConferenceFactory(slug="alliance-26", title="26th Alliance")


@pytest.fixture
def programme(conference):
    side = factories.SessionFactory(
        conference=conference,
        slug="launch",
        title="Launch of the Study",
        start=at(20, 16, 45),
        room__name="Bibliotheksaal",
        room__slug="bibliotheksaal",
        description="A study on forced criminality.",
    )
    factories.ParticipationFactory(
        session=side,
        person__slug="anna-moderata",
        person__family_name="Moderata",
        person__organisation=factories.OrganisationFactory(short_name="UNODC"),
        role="moderator",
    )
    factories.SessionOrganiserFactory(
        session=side, organisation__slug="uk", organisation__short_name="UK"
    )
    plenary = factories.SessionFactory(
        conference=conference, slug="opening", title="Opening", start=at(21, 9)
    )
    factories.SessionFactory(conference=conference, is_published=False)
    return {"side": side, "plenary": plenary}


def parse(content: bytes) -> tuple[Calendar, ics.Calendar]:
    return Calendar.from_ical(content), ics.Calendar(content.decode())


@pytest.mark.parametrize(
    ("path", "titles"),
    [
        ("schedule.ics", ["Launch of the Study", "Opening"]),
        ("days/2026-04-21.ics", ["Opening"]),
        ("rooms/bibliotheksaal.ics", ["Launch of the Study"]),
        ("organisations/uk.ics", ["Launch of the Study"]),
        ("people/anna-moderata.ics", ["Launch of the Study"]),
        ("sessions/launch.ics", ["Launch of the Study"]),
    ],
)
def test_every_feed_parses_with_both_libraries(client, programme, path, titles):
    response = client.get(f"/feeds/alliance-26/{path}")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, independent = parse(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == titles
    assert sorted(event.name for event in independent.events) == titles
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Vienna"]


def test_event_carries_what_a_calendar_app_shows(client, programme):
    side = programme["side"]

    response = client.get("/feeds/alliance-26/sessions/launch.ics")

    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["UID"]) == f"{session_guid(side)}@alliance"
    assert event.decoded("DTSTART") == at(20, 16, 45)
    assert event["DTSTART"].params["TZID"] == "Europe/Vienna"
    assert event.decoded("DTEND") == at(20, 17, 45)
    assert event.decoded("DTSTAMP") == side.updated_at.replace(microsecond=0)
    assert event.decoded("LAST-MODIFIED") == side.updated_at.replace(microsecond=0)
    assert str(event["LOCATION"]) == "Bibliotheksaal, Hofburg, Vienna"
    assert str(event["URL"]) == "http://testserver/en/alliance-26/sessions/launch/"
    assert str(event["DESCRIPTION"]) == (
        "Moderator: Ms. Anna0 Moderata (UNODC)\n"
        "Organised by UK\n"
        "\n"
        "Online: Zoom\n"
        "Meeting ID: 955 2462 7222\n"
        "Passcode: 78170555\n"
        "\n"
        "A study on forced criminality."
    ).replace("Anna0", side.participations.get().person.given_name)


def test_a_moved_session_keeps_its_uid_and_raises_its_sequence_by_one(
    client, programme
):
    side = programme["side"]
    before = Calendar.from_ical(
        client.get("/feeds/alliance-26/schedule.ics").content
    ).walk("VEVENT")[0]

    side.start, side.end = at(21, 14), at(21, 15)
    save_session(side)
    type(side).objects.filter(pk=side.pk).update(
        updated_at=side.created_at + dt.timedelta(hours=2)
    )
    after = next(
        event
        for event in Calendar.from_ical(
            client.get("/feeds/alliance-26/schedule.ics").content
        ).walk("VEVENT")
        if str(event["UID"]) == str(before["UID"])
    )

    assert after.decoded("DTSTART") == at(21, 14)
    assert int(before["SEQUENCE"]) == 0
    assert int(after["SEQUENCE"]) == 1
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")


def test_the_sequence_counts_changes_a_subscriber_sees(programme):
    side = programme["side"]

    save_session(side)  # nothing changed
    assert Session.objects.get(pk=side.pk).sequence == 0
    side.title = "Launch of the Study on Forced Criminality"
    save_session(side)
    side.room = None
    save_session(side)
    assert Session.objects.get(pk=side.pk).sequence == 2
    factories.ParticipationFactory(session=side, role="speaker")
    touch_sessions([side.pk])  # a new speaker changes the event's description
    assert Session.objects.get(pk=side.pk).sequence == 3


def test_feed_urls_do_not_depend_on_the_language(client, programme):
    assert client.get("/en/feeds/alliance-26/schedule.ics").status_code == 404
    russian = client.get("/feeds/alliance-26/schedule.ics?lang=ru")
    assert russian.status_code == 200
    assert "/ru/alliance-26/" in russian.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "nothing/schedule.ics",
        "alliance-26/days/tomorrow.ics",
        "alliance-26/days/2026-02-30.ics",
        "alliance-26/rooms/nowhere.ics",
        "alliance-26/organisations/nobody.ics",
        "alliance-26/people/nobody.ics",
        "alliance-26/sessions/nothing.ics",
    ],
)
def test_unknown_things_are_404(client, programme, path):
    assert client.get(f"/feeds/{path}").status_code == 404


def test_draft_conference_has_no_public_feed(client):
    factories.SessionFactory(conference__slug="draft", conference__status="draft")

    assert client.get("/feeds/draft/schedule.ics").status_code == 404


def test_feed_answers_304_when_unchanged(client, programme):
    first = client.get("/feeds/alliance-26/schedule.ics")

    again = client.get(
        "/feeds/alliance-26/schedule.ics", HTTP_IF_NONE_MATCH=first["ETag"]
    )

    assert again.status_code == 304


@pytest.mark.parametrize("query", ["", "?lang=ru"])
def test_whole_conference_feed_takes_fixed_queries(
    client, conference, query, django_assert_num_queries
):
    for number in range(30):
        session = factories.SessionFactory(
            conference=conference,
            room=None,
            start=at(20, 8) + dt.timedelta(minutes=10 * number),
            end=at(20, 8) + dt.timedelta(minutes=10 * number + 5),
        )
        factories.ParticipationFactory(
            session=session,
            person__organisation=factories.OrganisationFactory(),
        )
        factories.SessionOrganiserFactory(session=session)

    # conference, sessions, organisers, participations, their people, the people's
    # organisations (ETag and Last-Modified: no query)
    with django_assert_num_queries(6):
        client.get(f"/feeds/alliance-26/schedule.ics{query}")


def test_long_and_cyrillic_lines_are_folded_within_75_octets(client, conference):
    title = "Принудительная преступность: " * 6 + "slash\\semicolon; comma, end"
    factories.SessionFactory(conference=conference, slug="long", title=title)

    content = client.get("/feeds/alliance-26/schedule.ics").content

    assert max(len(line) for line in content.split(b"\r\n")) <= 75
    calendar, independent = parse(content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [title]
    assert [event.name for event in independent.events] == [title]


# --- The hand-written VEVENTs against icalendar's --------------------------------


def _properties(event: icalendar.Event) -> dict[str, tuple[bytes, dict]]:
    return {name: (event[name].to_ical(), dict(event[name].params)) for name in event}


def _compare_with_the_oracle(conference: Conference) -> int:
    request = RequestFactory().get("/")
    sessions = list(
        with_feed_details(Session.objects.filter(conference=conference)).order_by(
            "start", "room__order", "id"
        )
    )
    written = Calendar.from_ical(
        calendar_for_sessions(sessions, conference=conference, request=request)
    ).walk("VEVENT")
    built = [
        Calendar.from_ical(
            event_for(session, conference=conference, request=request).to_ical()
        )
        for session in sessions
    ]
    assert [event["uid"] for event in written] == [event["uid"] for event in built]
    for ours, oracle in zip(written, built, strict=True):
        assert _properties(ours) == _properties(oracle)
    return len(written)


def test_the_seed_conferences_feeds_match_icalendar_field_by_field():
    call_command(
        "loaddata",
        *sorted(str(path) for path in FIXTURES.glob("*.json")),
        verbosity=0,
    )

    compared = [
        _compare_with_the_oracle(conference)
        for conference in Conference.objects.order_by("start_date")
    ]

    assert len(compared) == 3
    assert all(count > 0 for count in compared)


def test_a_factory_conference_feed_matches_icalendar_field_by_field(programme):
    conference = Conference.objects.get(slug="alliance-26")
    session = factories.SessionFactory(
        conference=conference,
        title="Escaping; commas, and a title long enough to be folded " * 2,
        description="Line one\nline two, with a comma; and \\ backslash",
        online_platform="Zoom",
        online_join_url="https://zoom.example.org/j/1",
        online_meeting_id="123 456",
        start=at(21, 9),
        room=None,
    )
    factories.SessionOrganiserFactory(session=session)
    factories.ParticipationFactory(session=session)
    factories.AgendaItemFactory(session=session, title="Welcome")

    assert (
        _compare_with_the_oracle(conference)
        == Session.objects.filter(conference=conference).count()
    )
