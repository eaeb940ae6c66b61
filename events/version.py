"""The programme version: the one answer to "has the programme changed?".

Every save or delete of a programme model (events and speakers) bumps one version,
kept in the default cache (Redis in production, shared by every process). The page
cache keys its copies by it, and the ETag and Last-Modified of every page, feed and
API answer are made from it, so none of them needs a query to know whether the
client's copy is still current.

This module imports Django only: it is the lowest layer, so that every app and the
project may use it. The apps connect their own models in their ``ready()``, so that
events never names speakers.
"""

import hashlib
import logging
import math
import time
import uuid
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.apps import AppConfig
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "alliance:programme-version"
# A version whose Last-Modified was sent within the second it was made: the next
# version must then be dated at least a second later (see bump_programme_version).
SERVED_KEY = "alliance:programme-version-served:{token}"
# Static publishing (events.publishing_queue) republishes the conference days' pages
# once per window. The page cache no longer uses it: pages mark nothing by the time
# of day (the browser does), they change with the conference's date only.
CLOCK_WINDOW_SECONDS = 300

# Sent after every bump, for what follows the programme outside this process's
# answers (the static site, events.publishing_queue).
programme_version_bumped = Signal()


@dataclass(frozen=True)
class ProgrammeVersion:
    """A version token and the moment (seconds since the epoch) it was made."""

    token: str
    changed_at: float

    @property
    def last_modified(self) -> int:
        """The second of the change, as a Last-Modified date (whole seconds)."""
        return math.floor(self.changed_at)


def _new_token() -> str:
    return uuid.uuid4().hex[:12]


def programme_version() -> ProgrammeVersion:
    """The current version, starting one if the cache lost it.

    A lost version starts anew, dated a second ahead: every copy a client holds
    is then older, which is conservative (one render more, never a stale 304).
    While the cache is down every answer gets a version of its own, so no client
    is told that nothing changed.
    """
    try:
        stored = cache.get(VERSION_KEY)
        if not isinstance(stored, tuple):  # lost, or left by an older release
            cache.add(VERSION_KEY, (_new_token(), _a_second_ahead()), None)
            stored = cache.get(VERSION_KEY)
            if not isinstance(stored, tuple):
                bump_programme_version()
                stored = cache.get(VERSION_KEY)
    except Exception:
        logger.exception("Programme version unavailable")
        stored = (_new_token(), _a_second_ahead())
    token, changed_at = stored
    return ProgrammeVersion(token=token, changed_at=changed_at)


def _a_second_ahead() -> float:
    return math.floor(time.time()) + 1.0


def bump_programme_version(*, instance: Model | None = None) -> None:
    """Make every page, feed and API answer of the old version stale at once.

    HTTP dates count whole seconds. When the old version's Last-Modified was sent
    within the second the new one is made, the new one is dated a second later, so
    that a client asking ``If-Modified-Since`` with the old date is never told that
    nothing changed. Bursts of saves nobody read in between keep the real time.
    """
    now = time.time()
    previous = cache.get(VERSION_KEY)
    if isinstance(previous, tuple):
        token, changed_at = previous
        if math.floor(now) <= math.floor(changed_at) and cache.get(
            SERVED_KEY.format(token=token)
        ):
            now = math.floor(changed_at) + 1.0
    cache.set(VERSION_KEY, (_new_token(), now), None)
    # ``instance``: the row saved or deleted; None when anything may have changed.
    programme_version_bumped.send(sender=ProgrammeVersion, instance=instance)


def note_last_modified_sent(version: ProgrammeVersion) -> None:
    """Remember that this version's date went out while it was still current.

    Only needed within the second the version was made: a version made in a
    later second is dated later anyway. Costs one cache write in that second only.
    """
    if math.floor(time.time()) <= version.last_modified:
        try:
            cache.add(SERVED_KEY.format(token=version.token), 1, timeout=60)
        except Exception:
            logger.exception("Programme version unavailable")


def clock_window() -> int:
    """The current window of CLOCK_WINDOW_SECONDS (static publishing's schedule)."""
    return int(timezone.now().timestamp()) // CLOCK_WINDOW_SECONDS


def programme_etag(
    request: HttpRequest,
    *,
    tier: str,
    variant: str = "",
    version: ProgrammeVersion | None = None,
) -> str:
    """The ETag of an answer built from the programme, with no database query.

    It names the version, so it changes with every change to the programme, and
    it tells apart everything else an answer depends on: who may see drafts
    (``tier``), the language, the full URL (host and query included) and the
    ``variant`` (e.g. the conference's day, or the format the API negotiated).
    """
    parts = "\n".join(
        (tier, get_language() or "", request.build_absolute_uri(), variant)
    )
    digest = hashlib.blake2b(parts.encode(), digest_size=8).hexdigest()
    return f'"{(version or programme_version()).token}-{digest}"'


def mark_current(
    response: HttpResponseBase, etag: str, version: ProgrammeVersion
) -> HttpResponseBase:
    """Label an answer with its ETag and the version's Last-Modified."""
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(version.last_modified)
    note_last_modified_sent(version)
    # Drafts show to staff signed in by cookie. Answers to requests carrying an
    # Authorization header are never stored by shared caches (RFC 9111, 3.5).
    patch_vary_headers(response, ["Cookie"])
    return response


def not_modified(
    request: HttpRequest, etag: str, version: ProgrammeVersion
) -> HttpResponseBase | None:
    """The 304 (or 412) answer when the client's copy is current, else None.

    Asked before the answer is built, so that a current client costs no query.
    """
    label = mark_current(HttpResponse(), etag, version)
    answer = get_conditional_response(
        request, etag=etag, last_modified=version.last_modified, response=label
    )
    return None if answer is label else answer


def programme_changed(sender: type[Model], **kwargs: Any) -> None:
    """Bump the version now, and again after the commit.

    Now, so the change is visible at once to this process and to tests; after the
    commit, so that an answer rendered from the old rows by another process while
    the transaction was open cannot stay current under the new version.
    """
    instance = kwargs.get("instance")
    bump_programme_version(instance=instance)
    using = kwargs.get("using")
    if not transaction.get_autocommit(using=using):
        transaction.on_commit(
            partial(bump_programme_version, instance=instance), using=using, robust=True
        )


def connect_programme_models(app_config: AppConfig) -> None:
    """Bump the version on every save and delete of the app's models.

    Called from the ``ready()`` of each programme app. Bulk writes
    (``QuerySet.update``, ``bulk_create``) send no signal: code that uses them calls
    ``bump_programme_version()`` itself.
    """
    for model in app_config.get_models():
        if not getattr(model, "bumps_programme_version", True):
            continue
        uid = f"programme-version.{model._meta.label_lower}"
        post_save.connect(programme_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(programme_changed, sender=model, dispatch_uid=uid)
