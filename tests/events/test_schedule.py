"""schedule.xml and schedule.json, checked against the C3VOC schemas.

The schemas live in ../shared/schemas beside the project (CI always has it); the
tests that need them skip, saying why, where the folder is absent.
"""

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from lxml import etree

from events.models import Conference, Session
from tests import factories

pytestmark = pytest.mark.django_db

VIENNA = factories.VIENNA
SCHEMAS = Path(settings.BASE_DIR).parent / "shared" / "schemas"
XSD = SCHEMAS / "frab-schedule.xsd"
JSON_SCHEMA = SCHEMAS / "frab-schedule.schema.json"
needs_schemas = pytest.mark.skipif(
    not (XSD.exists() and JSON_SCHEMA.exists()),
    reason=f"the frab schemas are not in {SCHEMAS}",
)


@pytest.fixture(autouse=True)
def _uncached(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, minute, tzinfo=VIENNA)


@pytest.fixture
def conference() -> Conference:
    return factories.ConferenceFactory(slug="alliance-26", title="26th Alliance")


@pytest.fixture
def programme(conference) -> dict[str, Session]:
    side = factories.SessionFactory(
        conference=conference,
        slug="launch",
        title="Launch of the Study <&>",
        start=at(20, 16, 45),
        room__name="Bibliotheksaal",
        room__slug="bibliotheksaal",
        online_join_url="https://zoom.us/j/1",
        description="Text with a \x0b control character.",
    )
    factories.ParticipationFactory(session=side, person__family_name="Moderata")
    factories.SessionSectionFactory(session=side)
    factories.SessionOrganiserFactory(session=side)
    lunch = factories.SessionFactory(
        conference=conference,
        slug="l",
        title="Lunch",
        kind=Session.Kind.LUNCH,
        room=None,
        interpretation_languages=[],
        start=at(21, 13),
    )
    return {"side": side, "lunch": lunch}


def get_xml(client) -> bytes:
    response = client.get("/feeds/alliance-26/schedule.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return response.content


def get_json(client) -> dict:
    response = client.get("/feeds/alliance-26/schedule.json")
    assert response.status_code == 200
    return json.loads(response.content)


@needs_schemas
def test_schedule_xml_is_valid_against_the_c3voc_xsd(client, programme):
    schema = etree.XMLSchema(etree.parse(XSD))

    document = etree.fromstring(get_xml(client))

    schema.assertValid(document)


@needs_schemas
def test_schedule_json_is_valid_against_the_c3voc_schema(client, programme):
    schema = json.loads(JSON_SCHEMA.read_text())

    jsonschema.validate(get_json(client), schema)


@needs_schemas
def test_empty_programme_is_valid_too(client, conference):
    etree.XMLSchema(etree.parse(XSD)).assertValid(etree.fromstring(get_xml(client)))
    jsonschema.validate(get_json(client), json.loads(JSON_SCHEMA.read_text()))


def test_schedule_holds_days_rooms_events_and_persons(client, programme):
    data = get_json(client)["schedule"]["conference"]

    assert (data["acronym"], data["daysCount"], data["time_zone_name"]) == (
        "alliance_26",
        2,
        "Europe/Vienna",
    )
    assert [room["name"] for room in data["rooms"]] == ["Bibliotheksaal", "Hofburg"]
    first, second = data["days"]
    assert (first["date"], first["index"]) == ("2026-04-20", 1)
    assert list(first["rooms"]) == ["Bibliotheksaal"]
    event = first["rooms"]["Bibliotheksaal"][0]
    assert (event["title"], event["start"], event["duration"], event["type"]) == (
        "Launch of the Study <&>",
        "16:45",
        "01:00",
        "side_event",
    )
    assert event["date"] == "2026-04-20T16:45:00+02:00"
    assert event["url"] == "http://testserver/en/alliance-26/sessions/launch/"
    assert [person["name"] for person in event["persons"]] == [
        programme["side"].participations.get().person.full_name
    ]
    assert event["links"][0]["url"] == "https://zoom.us/j/1"
    assert list(second["rooms"]) == ["Hofburg"]


def test_xml_and_json_agree(client, programme):
    xml = etree.fromstring(get_xml(client))
    data = get_json(client)

    assert xml.findtext("version") == data["schedule"]["version"]
    assert [e.get("guid") for e in xml.iter("event")] == [
        event["guid"]
        for day in data["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]


def test_version_changes_when_the_programme_changes(client, programme):
    before = get_json(client)["schedule"]["version"]
    assert get_json(client)["schedule"]["version"] == before

    programme["lunch"].title = "Working lunch"
    programme["lunch"].save()

    assert get_json(client)["schedule"]["version"] != before


def test_drafts_stay_out_and_unknown_conference_is_404(client, programme):
    factories.SessionFactory(
        conference=programme["side"].conference, title="Secret", is_published=False
    )

    assert b"Secret" not in get_xml(client)
    assert client.get("/feeds/nothing/schedule.xml").status_code == 404


@pytest.mark.parametrize("query", ["", "?lang=ru"])
def test_schedule_takes_fixed_queries(
    client, conference, query, django_assert_num_queries
):
    for number in range(40):
        session = factories.SessionFactory(
            conference=conference,
            start=at(20, 8) + dt.timedelta(minutes=10 * number),
            end=at(20, 8) + dt.timedelta(minutes=10 * number + 5),
        )
        factories.ParticipationFactory(session=session)

    # conference, sessions, 5 prefetches, the last published version (ETag and
    # Last-Modified: no query)
    with django_assert_num_queries(8):
        client.get(f"/feeds/alliance-26/schedule.xml{query}")


# ------------------------------------------------------------ the Russian files


@pytest.fixture
def russian(programme) -> dict[str, Session]:
    side = programme["side"]
    side.title_ru = "Презентация исследования <&>"
    side.description_ru = "Описание на русском."
    side.interpretation_languages = ["en", "ru"]
    side.save()
    return programme


@needs_schemas
def test_russian_schedule_xml_is_valid_against_the_c3voc_xsd(client, russian):
    response = client.get("/feeds/alliance-26/schedule.xml?lang=ru")
    schema = etree.XMLSchema(etree.parse(XSD))

    document = etree.fromstring(response.content)

    schema.assertValid(document)
    assert response["Content-Language"] == "ru"
    assert "Презентация исследования <&>" in [e.text for e in document.iter("title")]


@needs_schemas
def test_russian_schedule_json_is_valid_against_the_c3voc_schema(client, russian):
    response = client.get("/feeds/alliance-26/schedule.json?lang=ru")
    data = json.loads(response.content)

    jsonschema.validate(data, json.loads(JSON_SCHEMA.read_text()))
    assert response["Content-Language"] == "ru"
    assert data["schedule"]["conference"]["meta"] == {"content_language": "ru"}


def test_event_language_is_the_one_the_session_is_held_in(client, russian):
    """The file is in Russian; the session is still held in English."""
    data = json.loads(client.get("/feeds/alliance-26/schedule.json?lang=ru").content)
    xml = etree.fromstring(
        client.get("/feeds/alliance-26/schedule.xml?lang=ru").content
    )
    events = [
        event
        for day in data["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for event in room
    ]
    side = next(e for e in events if e["title"].startswith("Презентация"))

    assert side["language"] == "en"
    assert side["abstract"] == "Описание на русском."
    assert [e.findtext("language") for e in xml.iter("event")] == ["en", None]


def test_english_schedule_names_its_own_language(client, russian):
    data = get_json(client)

    assert data["schedule"]["conference"]["meta"] == {"content_language": "en"}
