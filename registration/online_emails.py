"""The e-mails of online participants: the sign-up's, and a session's Zoom details.

Both are built when sent, so they say what is true then: the details known at
that moment, the sessions the person follows at that moment.
"""

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from events.models import Session
from registration.links import absolute_url
from registration.models import OnlineParticipant
from registration.selectors import sessions_followed_by


def online_calendar(sessions: list[Session]) -> bytes:
    """An .ics of the sessions, with their Zoom details where known."""
    calendar = Calendar()
    calendar.add("prodid", "-//OSCE Alliance against Trafficking in Persons//EN")
    calendar.add("version", "2.0")
    for session in sessions:
        event = Event()
        event.add("uid", f"online-{session.pk}-{session.conference.slug}@alliance")
        event.add("summary", session.title)
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
        event.add("dtstamp", timezone.now())
        event.add("sequence", session.sequence)
        page = absolute_url(session.get_absolute_url())
        event.add("url", session.online_join_url or page)
        location = session.online_platform or _("Online")
        if session.online_join_url:
            location = f"{location}: {session.online_join_url}"
        event.add("location", location)
        event.add("description", "\n".join([*details_lines(session), page]))
        calendar.add_component(event)
    return calendar.to_ical()


def details_lines(session: Session) -> list[str]:
    """The Zoom details of a session, one per line, in the active language."""
    lines = []
    if session.online_platform:
        lines.append(
            _("Platform: %(platform)s") % {"platform": session.online_platform}
        )
    if session.online_join_url:
        lines.append(_("Join: %(url)s") % {"url": session.online_join_url})
    if session.online_meeting_id:
        lines.append(_("Meeting ID: %(id)s") % {"id": session.online_meeting_id})
    if session.online_passcode:
        lines.append(_("Passcode: %(code)s") % {"code": session.online_passcode})
    return lines


def online_welcome(participant: OnlineParticipant) -> dict:
    """Template, context and attachment of the sign-up e-mail."""
    sessions = sessions_followed_by(participant)
    conference = participant.conference
    with translation.override(participant.language):
        calendar = online_calendar(sessions)
        signup_url = absolute_url(
            reverse("registration:online", kwargs={"conference": conference.slug})
        )
        entries = [(session, details_lines(session)) for session in sessions]
    return {
        "template": "online_welcome",
        "context": {
            "participant": participant,
            "conference": conference,
            "entries": entries,
            "chose_sessions": participant.sessions.exists(),
            "signup_url": signup_url,
        },
        "attachments": [("alliance-online.ics", calendar, "text/calendar")],
    }


def online_session(
    participant: OnlineParticipant, session_pk: int | None
) -> dict | None:
    """The Zoom details of one session, while the person still follows it."""
    session = next(
        (s for s in sessions_followed_by(participant) if s.pk == session_pk), None
    )
    if session is None or not session.online_details_known:
        return None
    with translation.override(participant.language):
        calendar = online_calendar([session])
        lines = details_lines(session)
    return {
        "template": "online_session",
        "context": {
            "participant": participant,
            "conference": participant.conference,
            "session": session,
            "details": lines,
        },
        "attachments": [("alliance-online.ics", calendar, "text/calendar")],
    }
