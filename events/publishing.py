"""The public site as static files: what nginx, any static host or a CDN serves.

Every public page, feed, schedule file and PDF is rendered through Django's own
request handling (the whole middleware stack, as an anonymous visitor with no
cookie), so each file holds exactly the bytes Django would send for that URL. The
files are laid out by URL path (``/en/x/programme/`` → ``en/x/programme/index.html``,
``/feeds/x/schedule.ics`` → ``feeds/x/schedule.ics``), each with a ``.gz`` and a
``.br`` beside it, in a new directory ``releases/<stamp>``; then the symlink
``current`` is switched to it with one rename, so a reader sees the old site or the
new one, never half of either.

What to publish is found the way a visitor finds it: from the home page of each
language, the conferences' pages and their feeds pages, following every link on
this site that has no query string. Drafts are never reached (the visitor is
anonymous, ``events.visibility``); an answer that sets a cookie, embeds a CSRF
token or is private is left to Django.

The feeds have no language prefix and follow Accept-Language: the files under
``feeds/`` are what a request without Accept-Language gets (English), and the
other languages' are under ``_accept-language/<code>/feeds/`` for the web server to
choose from (``deploy/nginx.conf``).
"""

import fcntl
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseBase
from django.test import Client
from django.urls import reverse
from django.utils import translation

from events.now import conference_today, now
from events.publishing_files import Writer
from events.site_url import site_base
from events.version import clock_window, programme_version
from events.visibility import conferences_visible_to

logger = logging.getLogger(__name__)

RELEASES = "releases"
CURRENT = "current"
MANIFEST = ".alliance-release.json"
LOCK = ".publish.lock"
ACCEPT_LANGUAGE_DIR = "_accept-language"
# Paths under these prefixes are never files: personal, staff, forms, or served by
# Django itself (static files, uploads, documents, door screens that poll).
NEVER_PUBLISHED = re.compile(
    r"^/(api|i18n|static|media|healthz|bench)(/|$)"
    r"|^/[a-z]{2}/(admin|registration|side-events|organisers)(/|$)"
    r"|/documents/|/screens/|/photo\.jpg$"
)
LINK = re.compile(r"""\bhref=["']([^"'#?]*)(?:#[^"']*)?["']""")


@dataclass
class Release:
    """One published directory and what went into it."""

    path: Path
    version: str
    # The clock window its now / next pages show; None outside conference days.
    clock_window: int | None
    files: set[str] = field(default_factory=set)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0


def file_for(path: str) -> str:
    """The file (relative to a release) that holds the answer for a URL path."""
    relative = path.lstrip("/")
    return (
        relative + "index.html" if relative.endswith("/") or not relative else relative
    )


def feed_file_for(path: str, language: str | None) -> str:
    """The file of a language-free URL for one Accept-Language (None: absent)."""
    if language is None:
        return file_for(path)
    return f"{ACCEPT_LANGUAGE_DIR}/{language}/{file_for(path)}"


class Visitor:
    """An anonymous visitor with no cookie, on the site's own address (SITE_URL,
    else the fallback), over TLS where the site redirects to it."""

    def __init__(self) -> None:
        origin = urlsplit(site_base())
        self.client = Client(HTTP_HOST=origin.netloc, raise_request_exception=False)
        self.secure = origin.scheme == "https" or settings.SECURE_SSL_REDIRECT

    def get(self, path: str, **headers: str) -> HttpResponseBase:
        return self.client.get(path, secure=self.secure, **headers)


def _body(response: HttpResponseBase) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined]


def publishable(path: str, response: HttpResponseBase, body: bytes) -> bool:
    """Whether an answer is the same for everybody and may become a file."""
    if response.status_code != 200 or response.cookies:
        return False
    cache_control = response.headers.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    return b"csrfmiddlewaretoken" not in body


def _links(base: str, body: bytes) -> Iterator[str]:
    for href in LINK.findall(body.decode("utf-8", "replace")):
        href = unescape(href)
        url = urlsplit(urljoin(base, href))
        origin = urlsplit(site_base())
        if url.scheme in ("http", "https", "") and url.netloc in ("", origin.netloc):
            yield url.path or "/"


def _seeds(only: frozenset[str] | None = None) -> list[str]:
    """The roots of the crawl: each language's home, archive, speakers and each
    published conference's pages (its feeds page lists every feed); ``only``: the
    slugs of the conferences to publish (None: all)."""
    conferences = [
        conference
        for conference in conferences_visible_to(AnonymousUser())
        if only is None or conference.slug in only
    ]
    seeds = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            seeds += [
                reverse("events:conference_list"),
                reverse("events:archive"),
                reverse("speakers:index"),
            ]
            for conference in conferences:
                for name in ("conference", "programme", "feeds", "programme_pdf"):
                    seeds.append(reverse(f"events:{name}", args=[conference.slug]))
    return seeds


def is_public_path(path: str) -> bool:
    """A page of the site in one of its languages, or a feed; never a form's."""
    prefixes = [f"/{code}/" for code, _name in settings.LANGUAGES] + ["/feeds/"]
    return path.startswith(tuple(prefixes)) and not NEVER_PUBLISHED.search(path)


class PublishError(RuntimeError):
    """A page failed to render: the live release stays as it was."""


def _other_languages() -> list[str]:
    """Accept-Language variants of the feeds; the default language is the file
    a request without the header gets."""
    return [
        code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]


def conference_slug_of(path: str) -> str:
    """The conference a path belongs to, if any: /<lang>/<slug>/… or /feeds/<slug>/…"""
    parts = path.strip("/").split("/")
    return parts[1] if len(parts) > 1 else ""


def left_out(only: frozenset[str] | None) -> frozenset[str]:
    """The slugs of the published conferences a partial publish leaves out."""
    if only is None:
        return frozenset()
    slugs = {c.slug for c in conferences_visible_to(AnonymousUser())}
    return frozenset(slugs - only)


def crawl(
    release: Release,
    writer: Writer,
    queue: list[str],
    *,
    known: set[str],
    only: frozenset[str] | None = None,
) -> None:
    """Render each path of ``queue`` into the release, and every new link found.

    ``known``: paths already in the release (a part's publish follows only links
    to pages it does not hold). A path that is no longer public is removed.
    ``only``: follow no link into a conference not named (None: all).
    """
    visitor = Visitor()
    excluded = left_out(only)
    seen = set(queue)
    while queue:
        path = queue.pop(0)
        response = visitor.get(path)
        body = _body(response)
        if response.status_code >= 500:
            raise PublishError(f"{path} answered {response.status_code}")
        feed = path.startswith("/feeds/")
        languages = _other_languages() if feed else []
        if not publishable(path, response, body):
            release.skipped.append(path)
            for relative in [file_for(path)] + [
                feed_file_for(path, c) for c in languages
            ]:
                writer.remove(relative)
            release.files.discard(path)
            continue
        writer.write(file_for(path), body)
        release.files.add(path)
        for code in languages:
            answer = visitor.get(path, HTTP_ACCEPT_LANGUAGE=code)
            content = _body(answer)
            if publishable(path, answer, content):
                writer.write(feed_file_for(path, code), content)
            else:
                writer.remove(feed_file_for(path, code))
        if response.headers.get("Content-Type", "").startswith("text/html"):
            for link in _links(path, body):
                if (
                    link not in seen
                    and link not in known
                    and is_public_path(link)
                    and conference_slug_of(link) not in excluded
                ):
                    seen.add(link)
                    queue.append(link)


def write_manifest(release: Release) -> None:
    (release.path / MANIFEST).write_text(
        json.dumps(
            {
                "version": release.version,
                "clock_window": release.clock_window,
                "seconds": round(release.seconds, 3),
                "paths": sorted(release.files),
            }
        )
    )


def render_release(
    root: Path,
    *,
    previous: Path | None = None,
    only: frozenset[str] | None = None,
) -> Release:
    """Render the whole public site into ``root`` (a new, empty directory);
    ``only``: just these conferences' pages and feeds (and the site-wide pages)."""
    started = time.monotonic()
    version = programme_version()
    release = Release(
        path=root,
        version=version.token,
        clock_window=clock_window() if clock_pages_due() else None,
    )
    writer = Writer(root, previous, version.last_modified)
    seeds = [p for p in _seeds(only) if is_public_path(p)]
    crawl(release, writer, seeds, known=set(), only=only)
    release.seconds = time.monotonic() - started
    write_manifest(release)
    return release


def new_release_dir(output: Path) -> Path:
    releases = output / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    root = releases / datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    root.mkdir()
    return root


def current_manifest(output: Path) -> dict:
    """What the live release was made from; empty when nothing is published."""
    try:
        return json.loads((output / CURRENT / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}


@contextmanager
def publishing_lock(output: Path) -> Iterator[None]:
    """One publisher at a time per directory, across processes."""
    output.mkdir(parents=True, exist_ok=True)
    with open(output / LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def publish(
    output: Path,
    *,
    keep: int = 3,
    unless_current: bool = False,
    only: frozenset[str] | None = None,
) -> Release | None:
    """Publish the whole public site into ``output/releases/<stamp>`` and make it
    ``output/current`` in one rename; keep the ``keep`` newest releases.

    ``unless_current``: nothing to do (None) when the live release is current.
    ``only``: publish just these conferences (a trial, or the bench); the worker
    always publishes all.
    """
    output = Path(output)
    with publishing_lock(output):
        if unless_current and is_current(output):
            return None
        root = new_release_dir(output)
        live = output / CURRENT
        previous = live.resolve() if live.is_symlink() else None
        try:
            release = render_release(root, previous=previous, only=only)
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise
        switch_current(output, root)
        prune(output, keep=keep)
        logger.info(
            "Published %s files in %.1f s to %s",
            len(release.files),
            release.seconds,
            root,
        )
        return release


def switch_current(output: Path, root: Path) -> None:
    """Point ``output/current`` at ``root``: a new symlink renamed over the old."""
    temporary = output / f".{CURRENT}-{root.name}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(Path(RELEASES) / root.name, target_is_directory=True)
    os.replace(temporary, output / CURRENT)


def prune(output: Path, *, keep: int) -> None:
    """Remove all but the ``keep`` newest releases, never the live one."""
    live = (output / CURRENT).resolve()
    releases = sorted(
        (path for path in (output / RELEASES).iterdir() if path.is_dir()),
        key=lambda path: path.name,
    )
    for old in releases[: -max(keep, 1)]:
        if old.resolve() != live:
            shutil.rmtree(old, ignore_errors=True)


def clock_pages_due(at: datetime | None = None) -> bool:
    """Whether a published conference is on today: its pages then follow the clock."""
    at = at or now()
    return any(
        conference_today(conference, at) is not None
        for conference in conferences_visible_to(AnonymousUser())
    )


def is_current(output: Path) -> bool:
    """Whether the live release was made from today's programme (and clock window,
    while a conference runs)."""
    manifest = current_manifest(output)
    if manifest.get("version") != programme_version().token:
        return False
    window = clock_window() if clock_pages_due() else None
    return manifest.get("clock_window") == window
