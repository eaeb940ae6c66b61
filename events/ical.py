"""iCalendar (RFC 5545) feeds of the programme, for calendar apps that subscribe.

Each session is one VEVENT whose UID never changes, so that a subscriber's
calendar moves the event when the session moves; LAST-MODIFIED and a growing
SEQUENCE tell it which copy is newer. Times carry the conference's own VTIMEZONE.
"""

import uuid
from collections.abc import Iterable

import icalendar
from django.http import HttpRequest
from django.utils.translation import gettext as _

from events.models import Conference, Session

PRODID = "-//OSCE Alliance against Trafficking in Persons//Alliance programme//EN"
GUID_NAMESPACE = uuid.UUID("6f1f3c5e-6a53-4d35-9a55-0a1e5d1e2a26")


def session_guid(session: Session) -> uuid.UUID:
    """A stable id of the session, shared by the calendar feeds and schedule files."""
    return uuid.uuid5(GUID_NAMESPACE, f"session:{session.pk}")


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
    if session.online_meeting_id:
        lines.append(_("Meeting ID: %(id)s") % {"id": session.online_meeting_id})
    if session.online_passcode:
        lines.append(_("Passcode: %(code)s") % {"code": session.online_passcode})
    if session.online_registration_url:
        lines.append(
            _("Register for the link: %(url)s")
            % {"url": session.online_registration_url}
        )
    return lines


def description_of(session: Session) -> str:
    """Speakers first (by role), then online access, then the session's own text."""
    lines = []
    for participation in session.participations.all():
        person = participation.person
        name = person.full_name
        if person.organisation:
            name = f"{name} ({person.organisation.display_name})"
        lines.append(f"{participation.get_role_display()}: {name}")
    organisers = [item.organisation.display_name for item in session.organisers.all()]
    if organisers:
        lines.append(_("Organised by %(names)s") % {"names": ", ".join(organisers)})
    access = online_access_lines(session)
    if access:
        lines.extend(["", *access])
    if session.description:
        lines.extend(["", session.description])
    return "\n".join(lines).strip()


def event_for(
    session: Session, *, conference: Conference, request: HttpRequest
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{session_guid(session)}@alliance")
    event.add("dtstamp", session.updated_at)
    event.add("last-modified", session.updated_at)
    event.add(
        "sequence",
        max(0, int((session.updated_at - session.created_at).total_seconds())),
    )
    event.add("dtstart", conference.local(session.start))
    event.add("dtend", conference.local(session.end))
    event.add("summary", session.title)
    location = location_of(session, conference)
    if location:
        event.add("location", location)
    event.add("url", request.build_absolute_uri(session.get_absolute_url()))
    description = description_of(session)
    if description:
        event.add("description", description)
    event.add("categories", [session.get_kind_display()])
    event.add("status", "CONFIRMED")
    return event


def calendar_for_sessions(
    sessions: Iterable[Session],
    *,
    conference: Conference,
    request: HttpRequest,
    name: str | None = None,
) -> bytes:
    """One calendar of the given sessions, in the conference's time zone.

    Give sessions from ``events.selectors.with_programme_details`` so that the
    whole feed takes a fixed number of queries.
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
    calendar.add_component(icalendar.Timezone.from_tzid(conference.time_zone))
    for session in sessions:
        calendar.add_component(
            event_for(session, conference=conference, request=request)
        )
    return calendar.to_ical()
