"""My programme: the sessions an attendee starred, on a page and in a calendar feed.

The stars live in the browser (localStorage, ``events/static/events/stars.js``):
the pages are the same bytes for everybody, so the page cache serves them, and the
script marks what this visitor starred. The feed reads a selection the browser
stored on the server (``events.selections``) under a random key.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from events.feeds import FEED_CACHE_CONTROL, _answer, _language
from events.ical import calendar_for_sessions
from events.models import Session
from events.programme import programme_days, programme_entries
from events.selections import cancelled_in, selection_by_key
from events.selectors import programme_entry_sessions, with_feed_details
from events.version import programme_etag, programme_version
from events.views import _time_zone_label
from events.visibility import conferences_visible_to, sessions_visible_to


def my_programme(request: HttpRequest, conference: str) -> HttpResponse:
    """Every session of the programme, hidden; the script shows the starred ones.

    The page is the same for everybody (no stars in it), so it is cached and
    works offline once its service worker has kept a copy.
    """
    conference_obj = get_object_or_404(
        conferences_visible_to(request.user), slug=conference
    )
    sessions = sessions_visible_to(request.user).filter(conference=conference_obj)
    shown = list(programme_entry_sessions(sessions))
    return render(
        request,
        "events/my_programme.html",
        {
            "conference": conference_obj,
            "days": programme_entries(
                conference_obj, programme_days(conference_obj, shown), [], []
            ),
            "time_zone_label": _time_zone_label(conference_obj),
        },
    )


@require_safe
def my_programme_worker(request: HttpRequest, conference: str) -> HttpResponse:
    """The service worker, served under the page so that the page is its scope."""
    get_object_or_404(conferences_visible_to(request.user), slug=conference)
    response = HttpResponse(
        render_to_string("events/my_programme_worker.js", request=request),
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def my_ical(request: HttpRequest, conference: str, key: str) -> HttpResponse:
    """Exactly the selected sessions, as they are now; cancelled ones marked so.

    Not stored in the shared page cache: the selection changes without the
    programme version moving, so the ETag also names the selection's last change.
    """
    selection = selection_by_key(key)
    if selection is None or selection.conference.slug != conference:
        raise Http404
    conference_obj = selection.conference
    if not conference_obj.is_published:
        raise Http404
    with translation.override(_language(request)):
        version = programme_version()
        etag = programme_etag(
            request,
            tier="anonymous",
            variant=selection.updated_at.isoformat(),
            version=version,
        )
        last_modified = max(
            version.last_modified, int(selection.updated_at.timestamp())
        )
        answer = get_conditional_response(
            request, etag=etag, last_modified=last_modified
        )
        if answer is not None:
            answer["ETag"] = etag
            answer["Cache-Control"] = PRIVATE_FEED_CACHE_CONTROL
            return answer
        sessions = list(
            with_feed_details(
                Session.objects.published().filter(
                    conference=conference_obj, pk__in=selection.session_ids
                ),
                documents=False,
            ).order_by("start", "room__order", "id")
        )
        content = calendar_for_sessions(
            sessions,
            conference=conference_obj,
            request=request,
            name=f"{conference_obj.title} – {translation.gettext('My programme')}",
            cancelled=cancelled_in(selection, {session.pk for session in sessions}),
        )
        response = _answer(
            request, content, "text/calendar; charset=utf-8", "my-programme.ics"
        )
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = PRIVATE_FEED_CACHE_CONTROL
        return response


# Calendar apps may keep a copy five minutes, as with the other feeds; "private"
# keeps it out of shared caches, ours included (the key is in the address).
PRIVATE_FEED_CACHE_CONTROL = FEED_CACHE_CONTROL.replace("public", "private")
