"""The programme in the frab / C3VOC schedule format, for conference apps.

Giggity, EventFahrplan, ConfClerk and signage players read ``schedule.xml`` or
``schedule.json``. Both are built from one dictionary, so they always agree; its
``version`` is a digest of the content, so it changes exactly when the programme
does. Formats: https://c3voc.de/wiki/schedule (XSD and JSON Schema in
``../shared/schemas``).
"""

import functools
import hashlib
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.ical import GUID_NAMESPACE, online_access_lines, session_guid
from events.models import Conference, Room, Session
from events.releases import latest_release
from events.selectors import prefetched
from events.slug_urls import slug_url_pattern

GENERATOR = {"name": "alliance", "version": "1.0"}
SLUG_PATTERN = re.compile(r"^[a-z0-9_-]+[a-z0-9]$")
VOC_SLUG_PATTERN = re.compile(r"^[a-z0-9_]{4,}-[a-z0-9\-_]{4,}$")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def acronym_of(conference: Conference) -> str:
    """Lower-case letters, digits and underscores, at least four: both schemas agree."""
    acronym = re.sub(r"[^a-z0-9_]", "_", conference.slug.lower())
    return acronym.ljust(4, "_")


def _hhmm(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _room_guid(room: Room | None, conference: Conference) -> str:
    key = f"room:{room.pk}" if room else f"venue:{conference.pk}"
    return str(uuid.uuid5(GUID_NAMESPACE, key))


@functools.lru_cache(maxsize=65536)
def _person_guid(person_id: int) -> str:
    """Computed once per person: people speak at many sessions of a schedule."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"person:{person_id}"))


class _Urls:
    """Absolute URLs of sessions and people, from one reverse() each per request."""

    def __init__(self, conference: Conference, request: HttpRequest) -> None:
        self.session = slug_url_pattern(
            "events:session", "session", request=request, conference=conference.slug
        )
        # People are reached by URL name only: events does not import speakers.
        self.person = slug_url_pattern("speakers:person", "person", request=request)
        self.kinds = {value: str(label) for value, label in Session.Kind.choices}
        self.request = request


# The C3VOC reference types a document kind maps to.
ATTACHMENT_TYPES = {"presentation": "slides", "report": "paper"}


def _event(
    session: Session, conference: Conference, room_name: str, acronym: str, urls: _Urls
) -> dict[str, Any]:
    start = conference.local(session.start)
    slug = f"{acronym}-{session.pk}-{session.slug.lower()}"
    if not SLUG_PATTERN.match(slug):
        slug = f"{acronym}-{session.pk}"
    people: dict[int, dict[str, Any]] = {}
    for participation in prefetched(session, "participations"):
        person = participation.person
        if person.pk not in people:
            people[person.pk] = {
                "id": person.pk,
                "guid": _person_guid(person.pk),
                "name": person.full_name,
                "url": urls.person.format(person.slug),
            }
    links = []
    if session.online_join_url and not session.online_link_on_registration:
        links.append(
            {"url": session.online_join_url, "title": _("Join online"), "type": "web"}
        )
    if session.online_registration_url:
        links.append(
            {
                "url": session.online_registration_url,
                "title": _("Register for the online link"),
                "type": "web",
            }
        )
    sections = [f"{s.title}\n\n{s.body}" for s in prefetched(session, "sections")]
    description = "\n\n".join([*sections, "\n".join(online_access_lines(session))])
    organisers = [
        o.organisation.display_name for o in prefetched(session, "organisers")
    ]
    languages = session.interpretation_languages or []
    return {
        "guid": str(session_guid(session)),
        "id": session.pk,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": conference.local(session.end).isoformat(),
        "duration": _hhmm(session.end - session.start),
        "room": room_name,
        "slug": slug,
        "url": urls.session.format(session.slug),
        "title": session.title,
        "subtitle": ", ".join(organisers),
        "track": urls.kinds.get(session.kind, session.kind),
        "type": session.kind,
        "language": languages[0] if languages else None,
        "abstract": session.description,
        "description": description.strip(),
        "persons": list(people.values()),
        "links": links,
        "attachments": [
            {
                "url": urls.request.build_absolute_uri(document.get_absolute_url()),
                "title": document.title,
                "type": ATTACHMENT_TYPES.get(document.kind, "related"),
            }
            for document in prefetched(session, "documents")
        ],
    }


def schedule_data(
    conference: Conference, sessions: Iterable[Session], *, request: HttpRequest
) -> dict[str, Any]:
    """The schedule as the C3VOC JSON has it; XML is written from the same data.

    Give sessions from ``events.selectors.with_feed_details``: a fixed number
    of queries however long the programme.
    """
    urls = _Urls(conference, request)
    acronym = acronym_of(conference)
    tz = conference.tzinfo
    default_room = conference.venue.name if conference.venue else _("Venue")
    sessions = sorted(sessions, key=lambda s: (s.start, s.end, s.pk))
    rooms: dict[str, dict[str, Any]] = {}
    by_day: dict[Any, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    day_sessions: dict[Any, list[Session]] = defaultdict(list)
    for session in sorted(sessions, key=_room_sort_key):
        room_name = session.room.name if session.room else default_room
        if room_name not in rooms:
            room = {"name": room_name, "guid": _room_guid(session.room, conference)}
            if session.room:
                slug = session.room.slug.lower()
                if SLUG_PATTERN.match(slug):
                    room["slug"] = slug
                room["capacity"] = session.room.capacity
                room["description"] = session.room.description or None
            rooms[room_name] = room
    for session in sessions:
        day = conference.local(session.start).date()
        room_name = session.room.name if session.room else default_room
        by_day[day][room_name].append(
            _event(session, conference, room_name, acronym, urls)
        )
        day_sessions[day].append(session)
    span = (conference.end_date - conference.start_date).days + 1
    dates = [conference.start_date + timedelta(days=i) for i in range(max(span, 1))]
    dates += sorted(day for day in by_day if day not in dates)
    days = []
    for index, day in enumerate(dates, start=1):
        on_day = day_sessions.get(day, [])
        if on_day:
            day_start = conference.local(min(s.start for s in on_day))
            day_end = conference.local(max(s.end for s in on_day))
        else:
            day_start = datetime.combine(day, time(0), tz)
            day_end = datetime.combine(day, time(23, 59), tz)
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": day_start.isoformat(),
                "day_end": day_end.isoformat(),
                "rooms": {
                    name: by_day[day][name] for name in rooms if by_day[day].get(name)
                },
            }
        )
    data = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": GENERATOR,
        "schedule": {
            "version": "",
            "base_url": request.build_absolute_uri("/"),
            "url": request.build_absolute_uri(
                reverse("feeds:schedule_json", kwargs={"conference": conference.slug})
            ),
            "conference": {
                "acronym": acronym,
                "title": conference.title,
                "description": conference.theme or conference.description,
                "start": conference.start_date.isoformat(),
                "end": conference.end_date.isoformat(),
                "daysCount": len(days),
                "timeslot_duration": "00:15",
                "time_zone_name": conference.time_zone,
                "url": request.build_absolute_uri(conference.get_absolute_url()),
                "rooms": list(rooms.values()),
                # The file's own language; each event's "language" is the one the
                # session is held in (docs/api.md). XML has no place for it.
                "meta": {"content_language": get_language()},
                "days": days,
            },
        },
    }
    digest = hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    data["schedule"]["version"] = schedule_version(conference, digest)
    return data


def schedule_version(conference: Conference, digest: str) -> str:
    """The last version staff published ("3 (Room change) 1a2b3c4d"), or the digest.

    The digest follows the number, so that a change not yet published as a
    version still gives a new ``<version>`` to apps that compare it.
    """
    release = latest_release(conference)
    if release is None:
        return digest[:16]
    note = f" ({release.note})" if release.note else ""
    return f"{release.number}{note} {digest[:8]}"


def _room_sort_key(session: Session) -> tuple:
    room = session.room
    return (room is None, room.order if room else 0, room.name if room else "")


def schedule_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def _text(parent: ET.Element, tag: str, value: Any, **attrs: str) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {key: NOT_XML.sub("", value) for key, value in attrs.items()}
    )
    element.text = "" if value is None else NOT_XML.sub("", str(value))
    return element


def schedule_xml(data: dict[str, Any], *, xml_url: str) -> bytes:
    """The same schedule as frab's schedule.xml (valid against the C3VOC XSD)."""
    schedule = data["schedule"]
    conference = schedule["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", data["generator"])
    _text(root, "url", xml_url)
    _text(root, "version", schedule["version"])
    head = ET.SubElement(root, "conference")
    _text(head, "title", conference["title"])
    _text(head, "acronym", conference["acronym"])
    _text(head, "start", conference["start"])
    _text(head, "end", conference["end"])
    _text(head, "days", conference["daysCount"])
    _text(head, "timeslot_duration", conference["timeslot_duration"])
    _text(head, "base_url", schedule["base_url"])
    _text(head, "url", conference["url"])
    _text(head, "time_zone_name", conference["time_zone_name"])
    guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        day_element = ET.SubElement(
            root,
            "day",
            {
                "index": str(day["index"]),
                "date": day["date"],
                "start": day["day_start"],
                "end": day["day_end"],
            },
        )
        for room_name, events in day["rooms"].items():
            room_element = ET.SubElement(
                day_element,
                "room",
                {"name": NOT_XML.sub("", room_name), "guid": guids[room_name]},
            )
            for event in events:
                _event_xml(room_element, event)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _event_xml(parent: ET.Element, event: dict[str, Any]) -> None:
    element = ET.SubElement(
        parent, "event", {"guid": event["guid"], "id": str(event["id"])}
    )
    _text(element, "room", event["room"])
    _text(element, "title", event["title"])
    _text(element, "subtitle", event["subtitle"])
    _text(element, "type", event["type"])
    _text(element, "date", event["date"])
    _text(element, "start", event["start"])
    _text(element, "duration", event["duration"])
    _text(element, "abstract", event["abstract"])
    if VOC_SLUG_PATTERN.match(event["slug"]):
        _text(element, "slug", event["slug"])
    _text(element, "track", event["track"])
    if event["language"]:
        _text(element, "language", event["language"])
    _text(element, "description", event["description"])
    persons = ET.SubElement(element, "persons")
    for person in event["persons"]:
        _text(
            persons,
            "person",
            person["name"],
            id=str(person["id"]),
            guid=person["guid"],
        )
    links = ET.SubElement(element, "links")
    for link in event["links"]:
        _text(links, "link", link["title"], href=link["url"], type=link["type"])
    attachments = ET.SubElement(element, "attachments")
    for attachment in event["attachments"]:
        _text(
            attachments,
            "attachment",
            attachment["title"],
            href=attachment["url"],
            type=attachment["type"],
        )
    _text(element, "url", event["url"])
