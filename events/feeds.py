"""Calendar feeds and conference-app schedule files at stable, language-free URLs.

Subscribers (calendar apps, Giggity, signage players) keep these addresses for
months, so they live outside the language prefix; the text is in the site's
language of ``?lang=`` or else of Accept-Language (English by default).
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from events import ical, schedule
from events.models import Conference, Organisation, Room, Session
from events.selectors import feeds_of, with_feed_details
from events.version import (
    mark_current,
    not_modified,
    programme_etag,
    programme_version,
)
from events.visibility import (
    conferences_visible_to,
    sessions_visible_to,
    visibility_tier,
)

FeedView = Callable[..., HttpResponse]
# Calendar apps poll: they may keep a copy five minutes before they ask again.
FEED_CACHE_CONTROL = "public, max-age=300"


def _person_model() -> type:
    """People belong to the speakers app, reached by relation name only."""
    participation = Session._meta.get_field("participations").related_model
    return participation._meta.get_field("person").related_model


def _language(request: HttpRequest) -> str:
    """``?lang=`` or Accept-Language, as alliance.languages chose it."""
    return translation.get_language() or settings.LANGUAGE_CODE


def _answer(
    request: HttpRequest, content: bytes, content_type: str, filename: str
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = FEED_CACHE_CONTROL
    return response


def _programme(request: HttpRequest, conference: str) -> tuple[Conference, QuerySet]:
    conference_obj = get_object_or_404(
        conferences_visible_to(request.user), slug=conference
    )
    sessions = sessions_visible_to(request.user).filter(conference=conference_obj)
    return conference_obj, sessions


def _calendar(
    request: HttpRequest,
    conference: Conference,
    sessions: QuerySet[Session],
    *,
    name: str,
    filename: str,
) -> HttpResponse:
    content = ical.calendar_for_sessions(
        # Calendars carry no attachments, sections or agenda: none to fetch.
        with_feed_details(
            sessions, documents=False, sections=False, agenda_items=False
        ).order_by("start", "room__order", "id"),
        conference=conference,
        request=request,
        name=name,
    )
    return _answer(request, content, "text/calendar; charset=utf-8", filename)


def _translated(view: FeedView) -> FeedView:
    """In the language asked for, and answered from the programme version.

    A subscriber whose copy is current gets its 304 before the feed is built (a
    whole-conference feed takes seconds).
    """

    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with translation.override(_language(request)):
            version = programme_version()
            etag = programme_etag(
                request, tier=visibility_tier(request.user), version=version
            )
            answer = not_modified(request, etag, version)
            if answer is not None:
                answer["Cache-Control"] = FEED_CACHE_CONTROL
                return answer
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                mark_current(response, etag, version)
            return response

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return require_safe(wrapper)


@_translated
def conference_ical(request: HttpRequest, conference: str) -> HttpResponse:
    """Every session of the conference."""
    conference_obj, sessions = _programme(request, conference)
    return _calendar(
        request,
        conference_obj,
        sessions,
        name=conference_obj.title,
        filename=f"{conference_obj.slug}.ics",
    )


@_translated
def day_ical(request: HttpRequest, conference: str, day: str) -> HttpResponse:
    """The sessions starting on one day, in the conference's time zone."""
    try:
        wanted = date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error
    conference_obj, sessions = _programme(request, conference)
    midnight = datetime.combine(wanted, time(0), conference_obj.tzinfo)
    return _calendar(
        request,
        conference_obj,
        sessions.filter(start__gte=midnight, start__lt=midnight + timedelta(days=1)),
        name=f"{conference_obj.title} – {wanted.isoformat()}",
        filename=f"{conference_obj.slug}-{wanted.isoformat()}.ics",
    )


@_translated
def room_ical(request: HttpRequest, conference: str, room: str) -> HttpResponse:
    """The sessions in one room."""
    conference_obj, sessions = _programme(request, conference)
    rooms = Room.objects.filter(slug=room)
    if not rooms.exists():
        raise Http404
    room_obj = rooms.filter(venue=conference_obj.venue).first() or rooms.first()
    return _calendar(
        request,
        conference_obj,
        sessions.filter(room__slug=room),
        name=f"{conference_obj.title} – {room_obj.name}",
        filename=f"{conference_obj.slug}-{room}.ics",
    )


@_translated
def organisation_ical(
    request: HttpRequest, conference: str, organisation: str
) -> HttpResponse:
    """The sessions an organisation organises or co-organises."""
    conference_obj, sessions = _programme(request, conference)
    organisation_obj = get_object_or_404(Organisation, slug=organisation)
    organised = Session.objects.filter(organisers__organisation=organisation_obj)
    return _calendar(
        request,
        conference_obj,
        sessions.filter(pk__in=organised.values("pk")),
        name=f"{conference_obj.title} – {organisation_obj.display_name}",
        filename=f"{conference_obj.slug}-{organisation}.ics",
    )


@_translated
def person_ical(request: HttpRequest, conference: str, person: str) -> HttpResponse:
    """The sessions a person takes part in (the person named by slug only)."""
    conference_obj, sessions = _programme(request, conference)
    person_obj = get_object_or_404(_person_model(), slug=person)
    taking_part = Session.objects.filter(participations__person=person_obj)
    return _calendar(
        request,
        conference_obj,
        sessions.filter(pk__in=taking_part.values("pk")),
        name=f"{conference_obj.title} – {person_obj}",
        filename=f"{conference_obj.slug}-{person}.ics",
    )


@_translated
def session_ical(request: HttpRequest, conference: str, session: str) -> HttpResponse:
    """One session, for "add to calendar"."""
    conference_obj, sessions = _programme(request, conference)
    one = sessions.filter(slug=session)
    if not one.exists():
        raise Http404
    return _calendar(
        request,
        conference_obj,
        one,
        name=one.get().title,
        filename=f"{conference_obj.slug}-{session}.ics",
    )


def _schedule(request: HttpRequest, conference: str):
    conference_obj, sessions = _programme(request, conference)
    data = schedule.schedule_data(
        conference_obj,
        # The schedule files name each person, not their organisation.
        with_feed_details(sessions, agenda_items=False, person_organisations=False),
        request=request,
    )
    return conference_obj, data


@_translated
def schedule_json(request: HttpRequest, conference: str) -> HttpResponse:
    """The frab / C3VOC schedule as JSON."""
    conference_obj, data = _schedule(request, conference)
    return _answer(
        request,
        schedule.schedule_json(data),
        "application/json; charset=utf-8",
        f"{conference_obj.slug}-schedule.json",
    )


@_translated
def schedule_xml(request: HttpRequest, conference: str) -> HttpResponse:
    """The frab / C3VOC schedule as XML."""
    conference_obj, data = _schedule(request, conference)
    xml_url = request.build_absolute_uri(
        reverse("feeds:schedule_xml", kwargs={"conference": conference_obj.slug})
    )
    return _answer(
        request,
        schedule.schedule_xml(data, xml_url=xml_url),
        "application/xml; charset=utf-8",
        f"{conference_obj.slug}-schedule.xml",
    )


@require_safe
def feeds_index_redirect(request: HttpRequest, conference: str) -> HttpResponse:
    """``/feeds/<conference>/``: the index, in the visitor's language."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        return redirect("events:feeds", conference=conference)


def feeds_index(request: HttpRequest, conference: str) -> HttpResponse:
    """Every feed of a conference, each to subscribe to or to download."""
    conference_obj, sessions = _programme(request, conference)
    return render(
        request,
        "events/feeds.html",
        {"conference": conference_obj, **feeds_of(conference_obj, sessions)},
    )


__all__ = [
    "conference_ical",
    "day_ical",
    "feeds_index",
    "feeds_index_redirect",
    "organisation_ical",
    "person_ical",
    "room_ical",
    "schedule_json",
    "schedule_xml",
    "session_ical",
]
