"""The site's address for absolute links: ``SITE_URL``, else the request's own.

A leaf module. E-mails, invitation links and calendar files are read away from the
site, so their links are absolute. With ``SITE_URL`` set, they use it. Without it,
they follow the host and port the current request came in on (set per request by
``alliance.middleware.SiteOriginMiddleware``, and carried into the e-mail queue by
``current_origin``); a command run outside a request falls back to the development
server's address and warns once that ``SITE_URL`` is unset.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest

FALLBACK_SITE_URL = "http://127.0.0.1:8000"

logger = logging.getLogger(__name__)

_request: ContextVar[HttpRequest | None] = ContextVar("site_request", default=None)
_origin: ContextVar[str] = ContextVar("site_origin", default="")
_warned = False


def request_origin(request: HttpRequest) -> str:
    """``scheme://host:port`` the request came in on; empty for a refused host."""
    try:
        return request.build_absolute_uri("/").rstrip("/")
    except DisallowedHost:
        return ""


def current_origin() -> str:
    """The origin links should use now without ``SITE_URL``: the request's, if any."""
    request = _request.get()
    if request is not None:
        origin = request_origin(request)
        if origin:
            return origin
    return _origin.get()


def site_base() -> str:
    """The base of absolute links, without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    origin = current_origin()
    if origin:
        return origin
    _warn_once()
    return FALLBACK_SITE_URL


def absolute_url(path: str) -> str:
    """The path on this site, for e-mails and files read away from the site."""
    return urljoin(site_base() + "/", path)


def _warn_once() -> None:
    global _warned
    if not _warned:
        _warned = True
        logger.warning(
            "SITE_URL is unset: links made outside a request point to %s. "
            "Set SITE_URL to the site's public address.",
            FALLBACK_SITE_URL,
        )


@contextmanager
def serving(request: HttpRequest) -> Iterator[None]:
    """Within a request: links follow its host and port."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


@contextmanager
def using_origin(origin: str) -> Iterator[None]:
    """Outside a request (the e-mail worker): links use the origin queued with it."""
    token = _origin.set(origin.rstrip("/") if origin else "")
    try:
        yield
    finally:
        _origin.reset(token)
