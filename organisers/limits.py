"""Rate limits of the personal links: per token, with a ceiling per address.

Like registration's per-invitation limit: one organiser or speaker is held to
RATELIMIT_PORTAL_LINK requests an hour on their own link, and one client address
to RATELIMIT_PORTAL_ADDRESS over all links (an organisation's network sits
behind one address). Tokens that open nothing count against the far tighter
RATELIMIT_TOKEN_MISS, so guessing links from one address gets nowhere.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "3600"
    response._has_been_logged = True  # the path holds a token: keep it out of logs
    return response


def _by_address(request: HttpRequest, group: str, rate: str, increment: bool) -> bool:
    return is_ratelimited(
        request,
        group=f"organisers.{group}",
        key="ip",
        rate=rate,
        method=is_ratelimited.ALL,
        increment=increment,
    )


def address_limited(request: HttpRequest) -> bool:
    """Before the look-up: this address guessed too often or sent too much."""
    if _by_address(request, "token_miss", settings.RATELIMIT_TOKEN_MISS, False):
        return True
    return _by_address(
        request, "address", settings.RATELIMIT_PORTAL_ADDRESS, increment=True
    )


def count_miss(request: HttpRequest) -> bool:
    """A token that opens nothing; True when this address is now over its limit."""
    return _by_address(request, "token_miss", settings.RATELIMIT_TOKEN_MISS, True)


def token_limited(request: HttpRequest, token_hash: str) -> bool:
    """Count this request against the link's own limit."""
    return is_ratelimited(
        request,
        group="organisers.link",
        key=lambda _group, _request: token_hash,
        rate=settings.RATELIMIT_PORTAL_LINK,
        method=is_ratelimited.ALL,
        increment=True,
    )
