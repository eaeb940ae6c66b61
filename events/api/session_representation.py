"""A session as the API reads it, written as plain dictionaries.

DRF's nested serializers walk every field of every organiser, participant and
agenda item through ``get_attribute`` and ``to_representation``: for a page of
100 sessions that was half of the answer's time. This writes the same
representation directly, key by key in the order of ``SessionSerializer``'s
fields (its declared fields stay the schema, and the tests compare both ways on
the seed programme). URLs come from one ``reverse()`` per conference and
request (``events.slug_urls``).
"""

from typing import Any

from rest_framework import serializers

from events.models import Session
from events.selectors import prefetched
from events.slug_urls import slug_url_pattern

_moment = serializers.DateTimeField()


def _datetime(value: Any) -> str | None:
    """As DRF's DateTimeField writes it (the current time zone, "Z" for UTC)."""
    return None if value is None else _moment.to_representation(value)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _url_patterns(context: dict[str, Any], conference_slug: str) -> tuple[str, str]:
    """The session page and session calendar URL patterns, once per conference."""
    patterns = context.setdefault("_session_url_patterns", {})
    if conference_slug not in patterns:
        request = context["request"]
        patterns[conference_slug] = (
            slug_url_pattern(
                "events:session",
                "session",
                request=request,
                conference=conference_slug,
            ),
            slug_url_pattern(
                "feeds:session_ical",
                "session",
                request=request,
                conference=conference_slug,
            ),
        )
    return patterns[conference_slug]


def _room(room: Any) -> dict[str, Any] | None:
    if room is None:
        return None
    venue = room.venue
    return {
        "id": room.pk,
        "name": _str(room.name),
        "slug": _str(room.slug),
        "capacity": _int(room.capacity),
        "venue": None if venue is None else venue.slug,
    }


def _participant(participation: Any) -> dict[str, Any]:
    person = participation.person
    organisation = person.organisation
    return {
        "id": participation.pk,
        "person_id": participation.person_id,
        "slug": _str(person.slug),
        "name": _str(person.name),
        "honorific": _str(person.honorific),
        "given_name": _str(person.given_name),
        "family_name": _str(person.family_name),
        "position": _str(person.position),
        "organisation": organisation.name if organisation else None,
        "role": _str(participation.role),
        "agenda_item_id": participation.agenda_item_id,
        "order": _int(participation.order),
        "joins_online": participation.joins_online,
        "to_be_confirmed": participation.to_be_confirmed,
    }


def session_representation(session: Session, context: dict[str, Any]) -> dict:
    """What ``SessionSerializer`` answers for one session, built directly."""
    request = context["request"]
    conference = session.conference
    session_url, ical_url = _url_patterns(context, conference.slug)
    return {
        "id": session.pk,
        "conference": conference.slug,
        "slug": _str(session.slug),
        "kind": _str(session.kind),
        "title": _str(session.title),
        "description": _str(session.description),
        "start": conference.local(session.start).isoformat(),
        "end": conference.local(session.end).isoformat(),
        "room": _room(session.room),
        "attendance_mode": _str(session.attendance_mode),
        # A link given on registration is e-mailed to those who sign up: empty here.
        "online_access": {
            "platform": _str(session.online_platform),
            "join_url": _str(session.public_join_url),
            "meeting_id": _str(session.public_meeting_id),
            "passcode": _str(session.public_passcode),
            "registration_url": _str(session.online_registration_url),
            "link_on_registration": session.online_link_on_registration,
        },
        # A JSONField: DRF answers its value as stored.
        "interpretation_languages": session.interpretation_languages,
        "organisers": [
            {
                "id": organiser.organisation.pk,
                "name": _str(organiser.organisation.name),
                "short_name": _str(organiser.organisation.short_name),
                "slug": _str(organiser.organisation.slug),
                "role": _str(organiser.role),
                "order": _int(organiser.order),
            }
            for organiser in prefetched(session, "organisers")
        ],
        "sections": [
            {
                "order": _int(section.order),
                "title": _str(section.title),
                "body": _str(section.body),
            }
            for section in prefetched(session, "sections")
        ],
        "participants": [
            _participant(participation)
            for participation in prefetched(session, "participations")
        ],
        "agenda_items": [
            {
                "id": item.pk,
                "order": _int(item.order),
                "start": _datetime(item.start),
                "end": _datetime(item.end),
                "title": _str(item.title),
                "description": _str(item.description),
            }
            for item in prefetched(session, "agenda_items")
        ],
        "documents": [
            {
                "id": document.pk,
                "title": _str(document.title),
                "kind": _str(document.kind),
                "language": _str(document.language),
                "content_type": _str(document.content_type),
                "size": _int(document.size),
                "url": request.build_absolute_uri(document.get_absolute_url()),
            }
            for document in prefetched(session, "documents")
        ],
        "is_published": session.is_published,
        "updated_at": _datetime(session.updated_at),
        "url": session_url.format(session.slug),
        "ical_url": ical_url.format(session.slug),
    }
