"""Public pages of the programme, as attendees read them.

Views stay thin: the reads live in events.selectors and the filters in
events.filters. Every page answers a conditional GET (ETag) from the programme
version (events.version), without a query, and renders with a fixed number of
queries.
"""

import json
from datetime import datetime, time
from io import BytesIO

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from events.conditional import _conference, public, public_by_day
from events.filters import ProgrammeFilter
from events.ical import calendar_for_sessions
from events.models import Conference, Organisation, Session
from events.now import conference_today, now, strip_entries
from events.programme import programme_days, programme_entries
from events.programme_html import write_entries
from events.selectors import (
    archived_conferences,
    programme_entry_sessions,
    programme_sessions,
    rooms_of,
    session_counts,
    with_programme_details,
)
from events.visibility import (
    conferences_visible_to,
    sees_drafts,
    sessions_visible_to,
)


def _time_zone_label(conference: Conference) -> str:
    """Name the zone as attendees know it, e.g. "Vienna (CEST, UTC+02:00)"."""
    moment = datetime.combine(conference.start_date, time(12), conference.tzinfo)
    offset = moment.strftime("%z")
    place = conference.venue.city if conference.venue and conference.venue.city else ""
    zone = f"{moment.tzname()}, UTC{offset[:3]}:{offset[3:]}"
    return f"{place} ({zone})" if place else f"{conference.time_zone} ({zone})"


@public
def conference_list(request: HttpRequest) -> HttpResponse:
    conferences = list(conferences_visible_to(request.user).order_by("-start_date"))
    return render(
        request,
        "events/conference_list.html",
        {
            "current": conferences[0] if conferences else None,
            "earlier": conferences[1:],
        },
    )


@public
def archive(request: HttpRequest) -> HttpResponse:
    conferences = archived_conferences(conferences_visible_to(request.user))
    return render(request, "events/archive.html", {"conferences": conferences})


@public_by_day
def conference_detail(request: HttpRequest, conference: str) -> HttpResponse:
    conference_obj = _conference(request, conference)
    sessions = sessions_visible_to(request.user).filter(conference=conference_obj)
    at = now()
    strip = []
    if conference_today(conference_obj, at) is not None:
        strip = strip_entries(conference_obj, programme_entry_sessions(sessions), at)
    return render(
        request,
        "events/conference_detail.html",
        {
            "conference": conference_obj,
            "strip": strip,
            **session_counts(sessions),
            "time_zone_label": _time_zone_label(conference_obj),
            "registration_url": _registration_url(),
        },
    )


def _registration_url() -> str:
    """The invitees' registration page, once the registration app provides one."""
    try:
        return reverse("registration:start")
    except NoReverseMatch:
        return ""


@public_by_day
def programme(request: HttpRequest, conference: str) -> HttpResponse:
    conference_obj = _conference(request, conference)
    sessions = sessions_visible_to(request.user).filter(conference=conference_obj)
    at = now()
    today = conference_today(conference_obj, at)
    data = request.GET or None
    if data is None and today is not None:
        # During the conference the programme opens on today; "All days" is ?day=.
        data = {"day": today.isoformat()}
    filterset = ProgrammeFilter(data, queryset=sessions, conference=conference_obj)
    if filterset.is_bound and not filterset.is_valid():
        shown = []
    else:
        shown = list(programme_entry_sessions(filterset.qs))
    # Now and next are marked by the browser: the page is the same all day long.
    strip = strip_entries(conference_obj, shown, at)
    days = programme_entries(
        conference_obj, programme_days(conference_obj, shown), set(), set()
    )
    return render(
        request,
        "events/programme.html",
        {
            "conference": conference_obj,
            "filter": filterset,
            "days": write_entries(days, request),
            "strip": strip,
            "jump": bool(strip),
            "today": today,
            "is_filtered": bool(request.GET),
            "online_signup": any(s.followed_by_online_signup for s in shown),
            "opened_on_today": not request.GET and today is not None,
            "time_zone_label": _time_zone_label(conference_obj),
        },
    )


@public
def programme_pdf(request: HttpRequest, conference: str) -> HttpResponse:
    """Render the programme to PDF on the server, a day per page, like the paper."""
    from xhtml2pdf import pisa

    conference_obj = _conference(request, conference)
    sessions = programme_sessions(
        sessions_visible_to(request.user).filter(conference=conference_obj)
    )
    html = render_to_string(
        "events/programme_pdf.html",
        {
            "conference": conference_obj,
            "days": programme_days(conference_obj, list(sessions)),
            "time_zone_label": _time_zone_label(conference_obj),
            "fonts": _pdf_fonts(),
        },
        request=request,
    )
    output = BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8")
    if result.err:
        raise Http404(_("The PDF could not be made."))
    response = HttpResponse(output.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{conference_obj.slug}-programme.pdf"'
    )
    return response


def _pdf_fonts() -> dict[str, str]:
    """DejaVu Sans, shipped with the static files, for Cyrillic in the PDF."""
    return {
        weight: finders.find(f"alliance/fonts/DejaVuSans{suffix}.ttf") or ""
        for weight, suffix in (("regular", ""), ("bold", "-Bold"))
    }


@public
def session_detail(request: HttpRequest, conference: str, session: str) -> HttpResponse:
    session_obj = get_object_or_404(
        with_programme_details(sessions_visible_to(request.user)).select_related(
            "conference__venue"
        ),
        conference__slug=conference,
        slug=session,
    )
    conference_obj = session_obj.conference
    if not (conference_obj.is_published or sees_drafts(request.user)):
        raise Http404
    return render(
        request,
        "events/session_detail.html",
        {
            "conference": conference_obj,
            "session": session_obj,
            "roles": _people_by_role(session_obj),
            "json_ld": json.dumps(
                _session_json_ld(request, session_obj), ensure_ascii=False
            ),
            "time_zone_label": _time_zone_label(conference_obj),
            "preview": not session_obj.is_published or not conference_obj.is_published,
        },
    )


def _people_by_role(session: Session) -> list[tuple[str, list]]:
    """Group the session's people under role headings, in programme order."""
    groups: dict[str, list] = {}
    labels: dict[str, str] = {}
    for participation in session.participations.all():
        groups.setdefault(participation.role, []).append(participation)
        labels[participation.role] = participation.get_role_display()
    return [(labels[role], people) for role, people in groups.items()]


ATTENDANCE_MODES = {
    Session.AttendanceMode.IN_PERSON: "OfflineEventAttendanceMode",
    Session.AttendanceMode.HYBRID: "MixedEventAttendanceMode",
    Session.AttendanceMode.ONLINE: "OnlineEventAttendanceMode",
}


def _session_json_ld(request: HttpRequest, session: Session) -> dict:
    """schema.org Event data, so that search engines and calendars read the entry."""
    conference = session.conference
    locations: list[dict] = []
    if session.room:
        venue = session.room.venue
        locations.append(
            {
                "@type": "Place",
                "name": f"{session.room.name}, {venue.name}",
                "address": ", ".join(
                    part for part in (venue.address, venue.city, venue.country) if part
                ),
            }
        )
    if session.attendance_mode != Session.AttendanceMode.IN_PERSON:
        locations.append(
            {
                "@type": "VirtualLocation",
                "url": session.public_join_url
                or session.online_registration_url
                or request.build_absolute_uri(session.get_absolute_url()),
            }
        )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "startDate": session.local_start.isoformat(),
        "endDate": session.local_end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/"
        + ATTENDANCE_MODES.get(session.attendance_mode, "MixedEventAttendanceMode"),
        "url": request.build_absolute_uri(session.get_absolute_url()),
        "location": locations,
        "organizer": [
            {"@type": "Organization", "name": link.organisation.name}
            for link in session.organisers.all()
        ],
        "performer": [
            {"@type": "Person", "name": p.person.name}
            for p in session.participations.all()
        ],
        "superEvent": {
            "@type": "Event",
            "name": conference.title,
            "url": request.build_absolute_uri(conference.get_absolute_url()),
        },
    }
    if session.description:
        data["description"] = session.description
    if session.interpretation_languages:
        data["inLanguage"] = session.interpretation_languages
    return data


def session_ical(request: HttpRequest, conference: str, session: str) -> HttpResponse:
    """One session as an .ics file, for "add to calendar"."""
    conference_obj = _conference(request, conference)
    sessions = list(
        sessions_visible_to(request.user)
        .filter(conference=conference_obj, slug=session)
        .select_related("room__venue")
    )
    if not sessions:
        raise Http404
    response = HttpResponse(
        calendar_for_sessions(sessions, conference=conference_obj, request=request),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{session}.ics"'
    return response


@public
def organisation_list(request: HttpRequest, conference: str) -> HttpResponse:
    conference_obj = _conference(request, conference)
    sessions = sessions_visible_to(request.user).filter(conference=conference_obj)
    organisations = Organisation.objects.filter(
        session_organisers__session__in=sessions
    ).distinct()
    return render(
        request,
        "events/organisation_list.html",
        {"conference": conference_obj, "organisations": organisations},
    )


@public
def organisation_detail(request: HttpRequest, organisation: str) -> HttpResponse:
    organisation_obj = get_object_or_404(Organisation, slug=organisation)
    sessions = programme_sessions(
        sessions_visible_to(request.user).filter(
            organisers__organisation=organisation_obj
        )
    ).order_by("-conference__start_date", "start")
    return render(
        request,
        "events/organisation_detail.html",
        {"organisation": organisation_obj, "sessions": sessions},
    )


@public
def room_list(request: HttpRequest, conference: str) -> HttpResponse:
    conference_obj = _conference(request, conference)
    sessions = sessions_visible_to(request.user).filter(conference=conference_obj)
    return render(
        request,
        "events/room_list.html",
        {"conference": conference_obj, "rooms": rooms_of(conference_obj, sessions)},
    )


@public
def room_detail(request: HttpRequest, conference: str, room: str) -> HttpResponse:
    conference_obj = _conference(request, conference)
    sessions = sessions_visible_to(request.user).filter(conference=conference_obj)
    room_obj = get_object_or_404(rooms_of(conference_obj, sessions), slug=room)
    return render(
        request,
        "events/room_detail.html",
        {
            "conference": conference_obj,
            "room": room_obj,
            "sessions": programme_sessions(sessions.filter(room=room_obj)),
            "time_zone_label": _time_zone_label(conference_obj),
        },
    )
