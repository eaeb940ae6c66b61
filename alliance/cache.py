"""A shared cache for the public programme, answered before the rest of the stack.

Everybody reloads the same programme at the same moments (publication, invitations,
the two conference days), so anonymous GET responses of public pages, feeds and the
read API are kept in the default cache (Redis in production) and served from there.

The middleware is the first of the stack: a hit costs a version read and an entry
read, and none of the sessions, locale, CSP, authentication, audit or rate-limit
middleware. What it stores is the final answer of the whole stack (security headers,
CSP, CORS, Vary, Content-Language included), so a hit gives the same bytes and
headers as a render would.

Three rules keep it correct:

- Nothing personal is stored or served: only GET/HEAD requests without an
  Authorization header, without any cookie but the CSRF and language cookies, on
  public paths (never the admin, registration, health or language-switch URLs),
  whose answer is a plain 200 that sets no cookie, uses no CSRF token or CSP nonce
  and does not ask to stay private.
- The key holds everything the stack decides the answer by: the full URL (scheme,
  host, port, query), the language as ``LocaleMiddleware`` and
  ``alliance.languages`` decide it (``request_language``), Accept (the API's
  format) and Origin (CORS). A stored answer must name the language its key does.
- A change to the programme is visible at once: every save or delete of a model of
  the ``events`` and ``speakers`` apps bumps the programme version
  (``events.version``), and a copy is served only under the version it was made
  for (the version and the copy come in one Redis round trip). Pages whose text
  follows the conference's day say until when they hold (``events.now``).
"""

import gzip
import hashlib
import logging
import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from alliance.languages import LANGUAGE_FREE_PREFIXES
from events.content_language import LANGUAGE_PARAMETER
from events.now import HOLDS_UNTIL, now
from events.version import VERSION_KEY, programme_version

logger = logging.getLogger(__name__)

# Paths that are personal or operational, with or without a language prefix.
PRIVATE_PATH = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?"
    r"(?:admin|registration|register|organisers|accounts|i18n|healthz|bench|static|media)(?:/|$)"
)
# Request headers a stored answer may vary on: the language and Accept and Origin are
# part of every key, and Cookie is harmless since requests with personal cookies
# never reach the cache.
KEYED_VARY_HEADERS = {"accept", "accept-language", "cookie", "origin"}
COMMA = re.compile(r"\s*,\s*")
# A copy is fresh for PUBLIC_CACHE_TIMEOUT seconds and kept for an hour, so that an
# old copy of the current programme version can be served while one is refreshed.
KEEP_SECONDS = 3600
MIN_GZIP_BYTES = 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
LOCK_SECONDS = 60
# Headers of the body itself, which a 304 does not carry.
BODY_HEADERS = {"content-type", "content-length", "content-encoding"}


def _harmless_cookies() -> set[str]:
    """Cookies that do not make an answer personal.

    The language cookie decides the language, which is part of the key. The CSRF
    cookie changes nothing in an answer that does not use the token, and an answer
    that uses it is never stored. Any other cookie (the session, the messages, one
    this code does not know) sends the request through the whole stack.
    """
    return {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


def is_public_request(request: HttpRequest) -> bool:
    """Whether a request may be answered from, and stored in, the shared cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if not set(request.COOKIES) <= _harmless_cookies():
        return False
    return not PRIVATE_PATH.match(request.path_info)


def request_language(request: HttpRequest) -> str:
    """The language the stack will answer in, decided as its middleware decide it.

    ``LocaleMiddleware``: the path's prefix, else the language cookie, else
    Accept-Language, else LANGUAGE_CODE; then ``alliance.languages``: ``?lang=`` on
    the API and the feeds. A stored answer is checked against it (its
    Content-Language), so a difference costs a render, never a wrong language.
    """
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    i18n_patterns_used, prefixed_default = is_language_prefix_patterns_used(urlconf)
    language = translation.get_language_from_request(
        request, check_path=i18n_patterns_used
    )
    from_path = translation.get_language_from_path(request.path_info)
    if not from_path and i18n_patterns_used and not prefixed_default:
        language = settings.LANGUAGE_CODE
    if request.path_info.startswith(LANGUAGE_FREE_PREFIXES):
        language = request.GET.get(LANGUAGE_PARAMETER, language)
    return language


def _nonce_used(request: HttpRequest) -> bool:
    """Whether the answer may carry the request's CSP nonce (a used one is true)."""
    return bool(getattr(request, "_csp_nonce", None))


def is_shareable_response(
    request: HttpRequest, response: HttpResponseBase, language: str
) -> bool:
    """Whether the stack's final answer is the same for every anonymous visitor."""
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
    if response.get("Content-Language", language) != language:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or _nonce_used(request):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and messages.added_new:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def cache_key(request: HttpRequest, language: str) -> str:
    """Key a public answer by URL, language, Accept and Origin.

    Not by the programme version: the entry names its own, so that the version and
    the entry are read together, in one round trip.
    """
    parts = "\n".join(
        (
            request.build_absolute_uri(),
            language,
            request.META.get("HTTP_ACCEPT", ""),
            request.META.get("HTTP_ORIGIN", ""),
        )
    )
    digest = hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()
    return f"alliance:page:{digest}"


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


def _freeze(
    response: HttpResponse, version: str
) -> tuple[dict[str, Any], bytes | None]:
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
        "version": version,
        "status": response.status_code,
        "headers": list(response.headers.items()),
        "content": None if compressed else response.content,
        "gzip": compressed,
        "stored": time.time(),
        # A page that follows the conference's day holds until the day changes.
        "until": getattr(response, HOLDS_UNTIL, None),
    }
    return entry, response.content if compressed else None


def _plain_key(key: str, version: str) -> str:
    return f"{key}:{version}:plain"


def _store(key: str, response: HttpResponse, version: str) -> dict[str, Any]:
    entry, plain = _freeze(response, version)
    values = {key: entry}
    if plain is not None:
        values[_plain_key(key, version)] = plain
    try:
        cache.set_many(values, KEEP_SECONDS)
    except Exception:
        logger.exception("Public cache unavailable")
    return entry


def _holds(entry: dict[str, Any], version: str) -> bool:
    """Whether the copy is of this version and still the page of today."""
    if entry.get("version") != version:
        return False
    until = entry.get("until")
    return until is None or now().timestamp() < until


def _accepts_gzip(request: HttpRequest) -> bool:
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _thaw(
    entry: dict[str, Any],
    state: str,
    request: HttpRequest,
    key: str,
    plain: bytes | None = None,
) -> HttpResponse | None:
    """The stored response, or None when its plain body is no longer stored."""
    if entry["gzip"] is None:
        body = entry["content"]
    elif _accepts_gzip(request):
        body = entry["gzip"]
    else:
        body = plain
        if body is None:
            body = cache.get(_plain_key(key, entry["version"]))
        if body is None:
            return None
    response = HttpResponse(body, status=entry["status"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    if entry["gzip"] is not None:
        # Send the gzipped body to clients that accept it (phones do): 5-10 times
        # less. Safe from BREACH-style attacks: a stored answer carries no secret.
        patch_vary_headers(response, ["Accept-Encoding"])
        if body is entry["gzip"]:
            response["Content-Encoding"] = "gzip"
            # Each encoding is its own representation, with its own ETag.
            response["ETag"] = response["ETag"][:-1] + '-gz"'
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(body))
    response["X-Cache"] = state
    return response


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
    """Answer 304 when the client already holds this copy.

    The 304 keeps the answer's headers (security, CSP, Vary, Content-Language), as
    the stack gives them, but not those of the body.
    """
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    answer = get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )
    if answer is not response and answer.status_code == 304:
        for name, value in response.headers.items():
            if name.lower() not in BODY_HEADERS and not answer.has_header(name):
                answer.headers[name] = value
    return answer


def _lock_key(key: str, version: str) -> str:
    return f"{key}:{version}:lock"


def _claim(key: str, version: str) -> bool:
    """Whether this process may render the page: one renderer per key at a time."""
    return cache.add(_lock_key(key, version), 1, timeout=LOCK_SECONDS)


def _wait_for(key: str, version: str) -> dict[str, Any] | None:
    """Wait for the process that renders the page, rather than render it again."""
    deadline = time.monotonic() + settings.PUBLIC_CACHE_WAIT
    while time.monotonic() < deadline:
        time.sleep(0.05)
        entry = cache.get(key)
        if entry is not None and _holds(entry, version):
            return entry
    return None


class PublicCacheMiddleware:
    """Serve anonymous public GETs from the shared cache, first of the stack.

    On a miss the request goes through the whole stack, and its final answer is
    stored (with an ETag and ``Cache-Control: no-cache`` when the view gave none);
    a hit is that answer again, or a 304, without any other middleware or query.

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
            language = request_language(request)
            key = cache_key(request, language)
            found = cache.get_many([VERSION_KEY, key])
            current = found.get(VERSION_KEY)
            version = (
                current[0] if isinstance(current, tuple) else programme_version().token
            )
            entry = found.get(key)
            if entry is not None and not _holds(entry, version):
                entry = None  # an older version, or yesterday's page
            claimed = False
            if entry is not None:
                fresh = time.time() - entry["stored"] < settings.PUBLIC_CACHE_TIMEOUT
                claimed = not fresh and _claim(key, version)
                if not claimed:
                    state = "HIT" if fresh else "STALE"
                    response = _thaw(entry, state, request, key)
                    if response is not None:
                        return _conditional(request, response)
            else:
                claimed = _claim(key, version)
                entry = None if claimed else _wait_for(key, version)
                response = entry and _thaw(entry, "HIT", request, key)
                if response is not None:
                    return _conditional(request, response)
        except Exception:  # the site stays up, uncached, when the cache is down
            logger.exception("Public cache unavailable")
            return self.get_response(request)
        try:
            return self._render_and_store(request, version, key, language)
        finally:
            if claimed:
                try:
                    cache.delete(_lock_key(key, version))
                except Exception:
                    logger.exception("Public cache unavailable")

    def _render_and_store(
        self, request: HttpRequest, version: str, key: str, language: str
    ) -> HttpResponseBase:
        response = self.get_response(request)
        if not (
            isinstance(response, HttpResponse)
            and is_shareable_response(request, response, language)
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
        entry = _store(key, response, version)
        # The miss answers from the stored entry too: a hit is the same answer.
        plain = response.content if entry["gzip"] is not None else None
        return _conditional(request, _thaw(entry, "MISS", request, key, plain))
