"""Conditional GETs of the public pages, answered from the programme version.

``public`` pages make their ETag from the version, the visitor's tier, the language
and the URL, without a query. ``public_by_day`` pages open on the conference's today:
their ETag names the day, and they tell the page cache until when they hold.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import condition

from events.models import Conference
from events.now import HOLDS_UNTIL, conference_today, next_day_change
from events.version import programme_etag
from events.visibility import conferences_visible_to, visibility_tier


def public_etag(request: HttpRequest, *args: object, **kwargs: object) -> str:
    """The page's ETag: programme version, visitor's tier, language and URL."""
    return programme_etag(request, tier=visibility_tier(request.user))


def day_etag(request: HttpRequest, conference: str, **kwargs: object) -> str:
    """The ETag of a page that follows the conference's day: it names today too.

    It reads the conference (its zone and dates), once: the view reuses it.
    """
    today = conference_today(_conference(request, conference))
    return programme_etag(
        request,
        tier=visibility_tier(request.user),
        variant=today.isoformat() if today else "",
    )


def public(view: Callable) -> Callable:
    """Answer conditional GETs of a public page from the programme version."""
    return condition(etag_func=public_etag)(view)


def public_by_day(view: Callable) -> Callable:
    """The same for a page that follows the conference's day (opens on today).

    Its ETag names the day, and the answer tells the page cache (alliance.cache)
    until when it holds: the next midnight that changes the conference's today.
    The time of day is the browser's business (now / next), not the page's.
    """

    @wraps(view)
    def dated(request: HttpRequest, conference: str, **kwargs: object) -> HttpResponse:
        response = view(request, conference=conference, **kwargs)
        until = next_day_change(_conference(request, conference))
        if until is not None:
            setattr(response, HOLDS_UNTIL, until.timestamp())
        return response

    return condition(etag_func=day_etag)(dated)


def _conference(request: HttpRequest, slug: str) -> Conference:
    """The visible conference of that slug, read once per request."""
    read = request.__dict__.setdefault("_conferences_read", {})
    if slug not in read:
        # The conference's one-to-one companions from apps above (its call for side
        # events, which the pages link while it is open) come in the same query;
        # their names are read from the model, so this module names no app above.
        companions = [
            relation.get_accessor_name()
            for relation in Conference._meta.related_objects
            if relation.one_to_one
        ]
        read[slug] = get_object_or_404(
            conferences_visible_to(request.user).select_related(*companions), slug=slug
        )
    return read[slug]
