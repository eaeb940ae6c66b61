"""Public pages of the programme."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from events.selectors import (
    conferences_visible_to,
    sessions_visible_to,
    with_programme_details,
)


def conference_list(request: HttpRequest) -> HttpResponse:
    conferences = conferences_visible_to(request.user)
    return render(request, "events/conference_list.html", {"conferences": conferences})


def conference_detail(request: HttpRequest, conference: str) -> HttpResponse:
    conference_obj = get_object_or_404(
        conferences_visible_to(request.user), slug=conference
    )
    sessions = with_programme_details(
        sessions_visible_to(request.user).filter(conference=conference_obj)
    )
    return render(
        request,
        "events/conference_detail.html",
        {"conference": conference_obj, "sessions": sessions},
    )


def session_detail(request: HttpRequest, conference: str, session: str) -> HttpResponse:
    session_obj = get_object_or_404(
        with_programme_details(sessions_visible_to(request.user)),
        conference__slug=conference,
        slug=session,
    )
    return render(
        request,
        "events/session_detail.html",
        {"conference": session_obj.conference, "session": session_obj},
    )
