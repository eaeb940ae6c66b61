"""URLs of many objects from one ``reverse()``: a pattern with a hole for the slug.

A programme page, a calendar feed or a schedule file links a thousand sessions;
reversing each URL costs more than the rest of the entry. The pattern is reversed
once with a placeholder slug, which is then left as ``{}`` for ``str.format``.
"""

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from events.models import Conference

_PLACEHOLDER = "slug-placeholder-0"


def slug_url_pattern(
    name: str,
    slug_kwarg: str,
    *,
    request: HttpRequest | None = None,
    **kwargs: str,
) -> str:
    """A ``str.format`` pattern of the URL ``name`` with ``{}`` for ``slug_kwarg``.

    Absolute when a request is given; "" when the URL is not routed (an app left
    out of the URLconf), so callers can leave the link out.
    """
    try:
        url = reverse(name, kwargs={**kwargs, slug_kwarg: _PLACEHOLDER})
    except NoReverseMatch:
        return ""
    if request is not None:
        url = request.build_absolute_uri(url)
    return url.replace("{", "{{").replace("}", "}}").replace(_PLACEHOLDER, "{}")


def online_signup_url(conference: Conference) -> str:
    """The conference's online sign-up page ("" when registration is not routed)."""
    try:
        return reverse("registration:online", kwargs={"conference": conference.slug})
    except NoReverseMatch:
        return ""
