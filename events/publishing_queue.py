"""The worker keeps the static site current: a publish a few seconds after a change.

Every bump of the programme version (``events.version``) asks, after its commit,
for a publish ``PUBLISH_STATIC_DELAY`` seconds later, unless one is already asked
for in that time: a burst of saves (a session with its agenda and people) is one
publish, and the publish reads the data after the last save of the burst. The
task itself publishes only when the live release was made from another version
(the latest version wins; publishes take turns under a lock), so a duplicate is
cheap. While a conference is on, its pages follow the clock, so the task also
asks for a publish at the next clock window, as the page cache keys them.
"""

import datetime as dt
import hashlib
import logging
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.tasks import task
from django.utils import timezone

from events import publishing, publishing_parts
from events.now import now
from events.version import CLOCK_WINDOW_SECONDS, clock_window
from events.visibility import conferences_visible_to

logger = logging.getLogger(__name__)

ASKED_KEY = "alliance:publish-static-asked"
CLOCK_KEY = "alliance:publish-static-clock:{window}"


@task
def publish_static_site(scope: dict[str, list[int]] | None = None) -> str:
    """Publish into PUBLISH_STATIC_DIR: the pages of the sessions, people and
    organisations in ``scope``, or (None) the whole site unless it is current."""
    output = settings.PUBLISH_STATIC_DIR
    if not output:
        return "off"
    keep = settings.PUBLISH_STATIC_KEEP
    if scope is not None:
        release = publishing_parts.publish_part(
            Path(output), publishing_parts.Scope.from_json(scope), keep=keep
        )
    else:
        release = publishing.publish(Path(output), keep=keep, unless_current=True)
    if publishing.clock_pages_due():
        ask_at_next_clock_window()
    else:
        ask_at_next_conference_day()
    return "current" if release is None else f"published {len(release.files)} files"


def ask_for_publish(scope: "publishing_parts.Scope | None" = None) -> None:
    """Queue one publish in PUBLISH_STATIC_DELAY seconds, unless the same is queued."""
    delay = max(int(settings.PUBLISH_STATIC_DELAY), 0)
    data = scope.to_json() if scope is not None else None
    key = (
        f"{ASKED_KEY}:{hashlib.blake2b(repr(data).encode(), digest_size=8).hexdigest()}"
    )
    try:
        # Expires when the queued publish may start: a change after that asks again.
        if delay and not cache.add(key, 1, timeout=delay):
            return
    except Exception:
        logger.exception("Cache unavailable: publishing without debounce")
    if publish_static_site.get_backend().supports_defer:
        run_after = timezone.now() + dt.timedelta(seconds=delay, milliseconds=100)
        publish_static_site.using(run_after=run_after).enqueue(data)
    else:  # the immediate backend (tests, development): at once
        publish_static_site.enqueue(data)


def ask_at_next_clock_window() -> None:
    """Queue the publish that brings the now / next pages to the next window."""
    if not publish_static_site.get_backend().supports_defer:
        return
    window = clock_window() + 1
    if cache.add(CLOCK_KEY.format(window=window), 1, timeout=CLOCK_WINDOW_SECONDS):
        run_after = dt.datetime.fromtimestamp(window * CLOCK_WINDOW_SECONDS, dt.UTC)
        publish_static_site.using(run_after=run_after).enqueue()


_pending = threading.local()


def _flush() -> None:
    scope, _pending.scope = _pending.scope, None
    ask_for_publish(scope)


def ask_at_next_conference_day() -> None:
    """Queue the publish that starts the clock's publishes on a conference's
    first day (midnight in its zone)."""
    at = now()
    starts = [
        dt.datetime.combine(conference.start_date, dt.time(0), conference.tzinfo)
        for conference in conferences_visible_to(AnonymousUser())
    ]
    upcoming = [start for start in starts if start > at]
    if not upcoming or not publish_static_site.get_backend().supports_defer:
        return
    first = min(upcoming)
    seconds = int((first - at).total_seconds()) + 1
    if cache.add(CLOCK_KEY.format(window=f"day-{first.isoformat()}"), 1, seconds):
        publish_static_site.using(run_after=first).enqueue()


def programme_bumped(sender: Any, instance: Model | None = None, **kwargs: Any) -> None:
    """Receiver of events.version.programme_version_bumped: gathers what a
    transaction changed, and asks for its publish once, after the commit."""
    if not settings.PUBLISH_STATIC_DIR:
        return
    scope = publishing_parts.Scope.of(instance)
    queued = any(func is _flush for *_ids, func, _robust in _run_on_commit())
    if queued:
        pending = _pending.scope
        _pending.scope = None if pending is None or scope is None else pending | scope
    else:
        _pending.scope = scope
        transaction.on_commit(_flush, robust=True)


def _run_on_commit() -> list:
    """This transaction's callbacks (cleared by a rollback, unlike our state)."""
    connection = transaction.get_connection()
    return connection.run_on_commit if connection.in_atomic_block else []
