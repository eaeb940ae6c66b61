"""iCalendar (RFC 5545) feeds of the programme, for calendar apps that subscribe.

Each session is one VEVENT whose UID never changes, so that a subscriber's
calendar moves the event when the session moves; LAST-MODIFIED and a growing
SEQUENCE tell it which copy is newer. Times carry the conference's own VTIMEZONE,
written as yearly rules (events.timezones) so that every client reads them alike.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import icalendar
from django.http import HttpRequest
from django.utils.translation import gettext as _

from events.models import Conference, Session
from events.selectors import prefetched
from events.slug_urls import slug_url_pattern
from events.timezones import vtimezone

PRODID = "-//OSCE Alliance against Trafficking in Persons//Alliance programme//EN"
GUID_NAMESPACE = uuid.UUID("6f1f3c5e-6a53-4d35-9a55-0a1e5d1e2a26")


def session_guid(session: Session) -> uuid.UUID:
    """A stable id of the session, shared by the calendar feeds and schedule files."""
    return guid_of_session_id(session.pk)


def guid_of_session_id(pk: int) -> uuid.UUID:
    """The same id from the session's id alone (for sessions since deleted)."""
    return uuid.uuid5(GUID_NAMESPACE, f"session:{pk}")


def location_of(session: Session, conference: Conference) -> str:
    room = session.room
    venue = room.venue if room else conference.venue
    parts = [room.name if room else "", venue.name if venue else ""]
    if venue and venue.address:
        parts.append(venue.address)
    if venue and venue.city:
        parts.append(venue.city)
    if session.attendance_mode == Session.AttendanceMode.ONLINE:
        parts = [session.online_platform or _("Online")]
    return ", ".join(part for part in parts if part)


def online_access_lines(session: Session) -> list[str]:
    """How to join online, as published; a link sent on registration stays private."""
    if not session.has_online_access:
        return []
    lines = [_("Online: %(platform)s") % {"platform": session.online_platform or "—"}]
    if session.online_join_url and not session.online_link_on_registration:
        lines.append(_("Join: %(url)s") % {"url": session.online_join_url})
    if session.public_meeting_id:
        lines.append(_("Meeting ID: %(id)s") % {"id": session.online_meeting_id})
    if session.public_passcode:
        lines.append(_("Passcode: %(code)s") % {"code": session.online_passcode})
    if session.online_registration_url:
        lines.append(
            _("Register for the link: %(url)s")
            % {"url": session.online_registration_url}
        )
    return lines


def description_of(session: Session, role_labels: dict[str, str] | None = None) -> str:
    """Speakers first (by role), then online access, then the session's own text.

    ``role_labels`` carries role labels already translated for this request, so
    that a feed of thousands of participations translates each role once.
    """
    labels = {} if role_labels is None else role_labels
    lines = []
    for participation in prefetched(session, "participations"):
        person = participation.person
        name = person.full_name
        if person.organisation:
            name = f"{name} ({person.organisation.display_name})"
        role = participation.role
        if role not in labels:
            labels[role] = participation.get_role_display()
        lines.append(f"{labels[role]}: {name}")
    organisers = [
        item.organisation.display_name for item in prefetched(session, "organisers")
    ]
    if organisers:
        lines.append(_("Organised by %(names)s") % {"names": ", ".join(organisers)})
    access = online_access_lines(session)
    if access:
        lines.extend(["", *access])
    if session.description:
        lines.extend(["", session.description])
    return "\n".join(lines).strip()


# --- The whole feed, written as text -----------------------------------------
# A conference of a thousand sessions is one feed: building an icalendar.Event per
# session and folding it through to_ical took most of a second, so the VEVENTs are
# written here directly, with RFC 5545 escaping and folding (about ten times faster,
# the same events: tests/events/ical_oracle.py builds them with icalendar and the
# tests compare both), and only the calendar frame and its VTIMEZONE come from
# icalendar.


def _text(value: str) -> str:
    """Escape a TEXT value (RFC 5545, 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (3.1)."""
    if line.isascii():
        if len(line) <= 75:
            return line
        parts = [line[:75]]
        parts.extend(line[i : i + 74] for i in range(75, len(line), 74))
        return "\r\n ".join(parts)
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[start:end].decode())
        start, limit = end, 74
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _kind_label(labels: dict[str, str], kind: str) -> str:
    if kind not in labels:
        labels[kind] = str(Session.Kind(kind).label) if kind in Session.Kind else kind
    return labels[kind]


def vevent_text(
    session: Session,
    *,
    conference: Conference,
    url: str,
    role_labels: dict[str, str],
    kind_labels: dict[str, str],
) -> str:
    """One VEVENT, as folded lines: the event icalendar would build, written faster."""
    tzid = conference.time_zone
    start = conference.local(session.start).strftime("%Y%m%dT%H%M%S")
    end = conference.local(session.end).strftime("%Y%m%dT%H%M%S")
    stamp = _utc(session.updated_at)
    lines = [
        "BEGIN:VEVENT",
        _fold(f"SUMMARY:{_text(session.title)}"),
        f"DTSTART;TZID={tzid}:{start}",
        f"DTEND;TZID={tzid}:{end}",
        f"DTSTAMP:{stamp}",
        f"UID:{session_guid(session)}@alliance",
        f"SEQUENCE:{session.sequence}",
        _fold(f"CATEGORIES:{_text(_kind_label(kind_labels, session.kind))}"),
    ]
    description = description_of(session, role_labels)
    if description:
        lines.append(_fold(f"DESCRIPTION:{_text(description)}"))
    lines.append(f"LAST-MODIFIED:{stamp}")
    location = location_of(session, conference)
    if location:
        lines.append(_fold(f"LOCATION:{_text(location)}"))
    lines.append("STATUS:CONFIRMED")
    lines.append(_fold(f"URL:{url}"))
    lines.append("END:VEVENT")
    return "\r\n".join(lines) + "\r\n"


@dataclass(frozen=True)
class CancelledEvent:
    """A session the subscriber had that the public no longer sees.

    Written as the same UID with STATUS:CANCELLED and a higher SEQUENCE, so that
    the calendar strikes the event through rather than silently dropping it.
    """

    pk: int
    title: str
    start: datetime
    end: datetime
    sequence: int
    stamp: datetime


def cancelled_vevent_text(event: CancelledEvent, *, conference: Conference) -> str:
    tzid = conference.time_zone
    start = conference.local(event.start).strftime("%Y%m%dT%H%M%S")
    end = conference.local(event.end).strftime("%Y%m%dT%H%M%S")
    stamp = _utc(event.stamp)
    lines = [
        "BEGIN:VEVENT",
        _fold(f"SUMMARY:{_text(event.title)}"),
        f"DTSTART;TZID={tzid}:{start}",
        f"DTEND;TZID={tzid}:{end}",
        f"DTSTAMP:{stamp}",
        f"UID:{guid_of_session_id(event.pk)}@alliance",
        f"SEQUENCE:{event.sequence}",
        f"LAST-MODIFIED:{stamp}",
        "STATUS:CANCELLED",
        "END:VEVENT",
    ]
    return "\r\n".join(lines) + "\r\n"


def calendar_for_sessions(
    sessions: Iterable[Session],
    *,
    conference: Conference,
    request: HttpRequest,
    name: str | None = None,
    cancelled: Iterable[CancelledEvent] = (),
) -> bytes:
    """One calendar of the given sessions, in the conference's time zone.

    Give sessions from ``events.selectors.with_feed_details`` (or
    ``with_programme_details``) so that the whole feed takes a fixed number of
    queries.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name or conference.title)
    calendar.add("x-wr-timezone", conference.time_zone)
    calendar.add("refresh-interval", icalendar.vDuration.from_ical("PT1H"))
    calendar["refresh-interval"].params["VALUE"] = "DURATION"
    calendar.add("x-published-ttl", "PT1H")
    calendar.add_component(vtimezone(conference.time_zone, conference.start_date.year))
    frame = calendar.to_ical()  # ends with END:VCALENDAR: events go before it
    end = b"END:VCALENDAR\r\n"
    url = slug_url_pattern(
        "events:session", "session", request=request, conference=conference.slug
    )
    role_labels: dict[str, str] = {}
    kind_labels: dict[str, str] = {}
    events = [
        vevent_text(
            session,
            conference=conference,
            url=url.format(session.slug),
            role_labels=role_labels,
            kind_labels=kind_labels,
        )
        for session in sessions
    ]
    events.extend(
        cancelled_vevent_text(event, conference=conference) for event in cancelled
    )
    return frame[: -len(end)] + "".join(events).encode() + end
