"""A shared cache for the public programme, invalidated when the programme changes.

Everybody reloads the same programme at the same moments (publication, invitations,
the two conference days), so anonymous GET responses of public pages, feeds and the
read API are kept in the default cache (Redis in production) and served from there.

Two rules keep it correct:

- Nothing personal is stored or served: only GET/HEAD requests without a session,
  messages or Authorization credential, on public paths (never the admin,
  registration, health or language-switch URLs), whose response is a plain 200 that
  sets no cookie and does not ask to stay private.
- A change to the programme is visible at once: every save or delete of a model of
  the ``events`` and ``speakers`` apps bumps the programme version
  (``events.version``), and the version is part of every cache key, so the entries
  of the old version are never read again (they expire on their own). The views
  make their ETags from the same version; a copy keeps its view's ETag.
"""

import gzip
import hashlib
import logging
import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

from events.version import clock_window as events_clock_window
from events.version import programme_version

logger = logging.getLogger(__name__)

# Paths that are personal or operational, with or without a language prefix.
PRIVATE_PATH = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?"
    r"(?:admin|registration|register|organisers|accounts|i18n|healthz|bench|static|media)(?:/|$)"
)
# Request headers a cached response may vary on: the language is part of every key,
# Accept is (the API negotiates JSON or the browsable page), and Cookie is harmless
# since requests with personal cookies never reach the cache.
KEYED_VARY_HEADERS = {"accept", "accept-language", "cookie", "origin"}
# The CSP middleware reads a view's own policy from these response attributes.
KEPT_ATTRIBUTES = ("_csp_config", "_csp_ro_config")
COMMA = re.compile(r"\s*,\s*")
# A copy is fresh for PUBLIC_CACHE_TIMEOUT seconds and kept for an hour, so that an
# old copy of the current programme version can be served while one is refreshed.
KEEP_SECONDS = 3600
MIN_GZIP_BYTES = 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
LOCK_SECONDS = 60


def clock_window(request: HttpRequest) -> str:
    """The clock window of a page that marks what is on now, else "".

    The view says so itself (``events.views.public_with_clock``), so that its copy
    moves on with the window its ETag names.
    """
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return ""
    if not getattr(match.func, "shows_the_clock", False):
        return ""
    return str(events_clock_window())


def is_public_request(request: HttpRequest) -> bool:
    """Whether a request may be answered from, and stored in, the shared cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    # The session and message cookies make a response personal; other cookies (the
    # CSRF cookie, the chosen language) do not change what an anonymous visitor sees.
    personal_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    if any(name in request.COOKIES for name in personal_cookies):
        return False
    return not PRIVATE_PATH.match(request.path_info)


def is_shareable_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether a response is the same for every anonymous visitor."""
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {
        header.strip().lower()
        for header in COMMA.split(response.get("Vary", ""))
        if header.strip()
    }
    if "*" in vary or not vary <= KEYED_VARY_HEADERS:
        return False
    # The CSRF, session and message middleware sit outside this one and set their
    # cookies after it: ask them whether this response will carry one.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and messages.added_new:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def cache_key(request: HttpRequest, version: str) -> str:
    """Key a public response by programme version, URL, language and Accept."""
    parts = "\n".join(
        (
            request.build_absolute_uri(),
            get_language() or "",
            request.META.get("HTTP_ACCEPT", ""),
        )
    )
    digest = hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()
    return f"alliance:page:{version}:{digest}"


def make_etag(version: str, content: bytes) -> str:
    """An ETag for a response whose view gave none (the API docs, for example)."""
    digest = hashlib.blake2b(content, digest_size=8).hexdigest()
    return f'"{version}-{digest}"'


def _compressible(response: HttpResponse) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return (
        len(response.content) >= MIN_GZIP_BYTES
        and not response.has_header("Content-Encoding")
        and (
            content_type.startswith("text/")
            or content_type.endswith(("json", "xml", "javascript"))
        )
    )


def _freeze(response: HttpResponse) -> tuple[dict[str, Any], bytes | None]:
    """The response as stored, and its plain body when that is stored apart.

    A compressible body is gzipped once, here, and kept in the entry; the plain
    body then goes under a key of its own, read only for the rare client that does
    not accept gzip, so that a hit moves the small copy only.
    """
    compressed = (
        gzip.compress(response.content, compresslevel=6, mtime=0)
        if _compressible(response)
        else None
    )
    entry = {
        "status": response.status_code,
        "headers": list(response.headers.items()),
        "content": None if compressed else response.content,
        "gzip": compressed,
        "attributes": {
            name: getattr(response, name)
            for name in KEPT_ATTRIBUTES
            if hasattr(response, name)
        },
        "stored": time.time(),
    }
    return entry, response.content if compressed else None


def _store(key: str, response: HttpResponse) -> dict[str, Any]:
    entry, plain = _freeze(response)
    values = {key: entry} if plain is None else {key: entry, f"{key}:plain": plain}
    try:
        cache.set_many(values, KEEP_SECONDS)
    except Exception:
        logger.exception("Public cache unavailable")
    return entry


def _accepts_gzip(request: HttpRequest) -> bool:
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _thaw(
    entry: dict[str, Any], state: str, request: HttpRequest, key: str
) -> HttpResponse | None:
    """The stored response, or None when its plain body is no longer stored."""
    if entry["gzip"] is None:
        body = entry["content"]
    elif _accepts_gzip(request):
        body = entry["gzip"]
    else:
        body = cache.get(f"{key}:plain")
        if body is None:
            return None
    response = HttpResponse(body, status=entry["status"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    for name, value in entry["attributes"].items():
        setattr(response, name, value)
    _mark_encoding(response, entry, request)
    response["X-Cache"] = state
    return response


def _mark_encoding(
    response: HttpResponse, entry: dict[str, Any], request: HttpRequest
) -> None:
    """Send the gzipped body to clients that accept it (phones do): 5-10 times less.

    Safe from BREACH-style attacks: a stored response never carries a secret.
    """
    if entry["gzip"] is None:
        return
    patch_vary_headers(response, ["Accept-Encoding"])
    if _accepts_gzip(request):
        response.content = entry["gzip"]
        response["Content-Encoding"] = "gzip"
        # Each encoding is its own representation, with its own ETag.
        response["ETag"] = response["ETag"][:-1] + '-gz"'


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
    """Answer 304 when the client already holds this copy."""
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )


def _claim(key: str) -> bool:
    """Whether this process may render the page: one renderer per key at a time."""
    return cache.add(f"{key}:lock", 1, timeout=LOCK_SECONDS)


def _wait_for(key: str) -> dict[str, Any] | None:
    """Wait for the process that renders the page, rather than render it again."""
    deadline = time.monotonic() + settings.PUBLIC_CACHE_WAIT
    while time.monotonic() < deadline:
        time.sleep(0.05)
        entry = cache.get(key)
        if entry is not None:
            return entry
    return None


class PublicCacheMiddleware:
    """Serve anonymous public GETs from the shared cache, with ETag and 304.

    Sits after the session, authentication, locale and message middleware (so it
    sees the language and the user) and before the views. The outer middleware
    still runs on a cached answer, adding security headers and CORS per request.

    A big page (the whole-conference feeds take seconds) is rendered by one process
    at a time: after a programme change the others wait for it, and when a copy of
    the current version is older than PUBLIC_CACHE_TIMEOUT the others keep serving
    it (``X-Cache: STALE``) while one process refreshes it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not (settings.PUBLIC_CACHE_ENABLED and is_public_request(request)):
            return self.get_response(request)
        try:
            version = programme_version().token
            window = clock_window(request)
            if window:
                version = f"{version}.{window}"
            key = cache_key(request, version)
            entry = cache.get(key)
            claimed = False
            if entry is not None:
                fresh = time.time() - entry["stored"] < settings.PUBLIC_CACHE_TIMEOUT
                claimed = not fresh and _claim(key)
                if not claimed:
                    state = "HIT" if fresh else "STALE"
                    response = _thaw(entry, state, request, key)
                    if response is not None:
                        return _conditional(request, response)
            else:
                claimed = _claim(key)
                entry = None if claimed else _wait_for(key)
                response = entry and _thaw(entry, "HIT", request, key)
                if response is not None:
                    return _conditional(request, response)
        except Exception:  # the site stays up, uncached, when the cache is down
            logger.exception("Public cache unavailable")
            return self.get_response(request)
        try:
            return self._render_and_store(request, version, key)
        finally:
            if claimed:
                try:
                    cache.delete(f"{key}:lock")
                except Exception:
                    logger.exception("Public cache unavailable")

    def _render_and_store(
        self, request: HttpRequest, version: str, key: str
    ) -> HttpResponseBase:
        response = self.get_response(request)
        if not (
            isinstance(response, HttpResponse)
            and is_shareable_response(request, response)
        ):
            return response
        # The view's own ETag is kept, so that a client holding it gets its 304
        # from the copy too; a view that gave none gets one naming the version.
        if not response.has_header("ETag"):
            response["ETag"] = make_etag(version, response.content)
        if not response.has_header("Cache-Control"):
            # Browsers keep the page and ask again each time: a 304 is cheap.
            response["Cache-Control"] = "no-cache"
        # Other caches on the way must still tell a logged-in visitor apart.
        patch_vary_headers(response, ["Cookie"])
        entry = _store(key, response)
        _mark_encoding(response, entry, request)
        response["X-Cache"] = "MISS"
        return _conditional(request, response)
