"""Publishing again only what a change to some sessions touched.

A change to a session (or its agenda, organisers, people) is published in seconds
rather than the whole site's minutes: the live release is copied by hard links,
the pages that show those sessions are rendered again into the copy, and the copy
becomes ``current`` with the same atomic switch as a whole publish
(``events.publishing``). Any other change publishes the whole site.
"""

import logging
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import translation

from events.models import Organisation, Session
from events.publishing import (
    CURRENT,
    Release,
    Writer,
    crawl,
    current_manifest,
    is_public_path,
    new_release_dir,
    prune,
    publish,
    publishing_lock,
    switch_current,
    write_manifest,
)
from events.version import programme_version

logger = logging.getLogger(__name__)

# A page or feed of one session, person or organisation.
ENTITY = re.compile(r"/(sessions|people|speakers|organisations)/([^/]+?)(/|\.ics)$")


@dataclass(frozen=True)
class Scope:
    """What a change touched, when it touched sessions only (else: everything)."""

    sessions: frozenset[int] = frozenset()
    people: frozenset[int] = frozenset()
    organisations: frozenset[int] = frozenset()

    @classmethod
    def of(cls, instance: object) -> "Scope | None":
        """A session, or a part of one (agenda item, organiser, participation);
        None for any other row, or for a change without a row."""
        if isinstance(instance, Session):
            return cls(sessions=frozenset([instance.pk]))
        session_id = getattr(instance, "session_id", None)
        if session_id is None:
            return None
        ids = {
            name: getattr(instance, f"{name}_id", None)
            for name in ("person", "organisation")
        }
        return cls(
            sessions=frozenset([session_id]),
            people=frozenset([ids["person"]] if ids["person"] else []),
            organisations=frozenset(
                [ids["organisation"]] if ids["organisation"] else []
            ),
        )

    def __or__(self, other: "Scope") -> "Scope":
        return Scope(
            self.sessions | other.sessions,
            self.people | other.people,
            self.organisations | other.organisations,
        )

    def to_json(self) -> dict[str, list[int]]:
        return {
            "sessions": sorted(self.sessions),
            "people": sorted(self.people),
            "organisations": sorted(self.organisations),
        }

    @classmethod
    def from_json(cls, data: dict[str, list[int]]) -> "Scope":
        return cls(
            *(
                frozenset(data.get(name, []))
                for name in ("sessions", "people", "organisations")
            )
        )


def _part_paths(scope: Scope, paths: set[str]) -> list[str]:
    """The published paths that show the sessions, people and organisations of
    ``scope``: their own pages and feeds, and their conferences' whole pages
    (programme, rooms, schedule files, PDF), but not the other sessions' pages."""
    sessions = Session.objects.filter(pk__in=scope.sessions).select_related(
        "conference"
    )
    participation = Session._meta.get_field("participations").related_model
    person = participation._meta.get_field("person").related_model
    people = set(
        participation.objects.filter(session__in=scope.sessions).values_list(
            "person__slug", flat=True
        )
    ) | set(person.objects.filter(pk__in=scope.people).values_list("slug", flat=True))
    organisations = set(
        Organisation.objects.filter(
            session_organisers__session__in=scope.sessions
        ).values_list("slug", flat=True)
    ) | set(
        Organisation.objects.filter(pk__in=scope.organisations).values_list(
            "slug", flat=True
        )
    )
    conferences = {session.conference.slug for session in sessions}
    own = {
        "sessions": {session.slug for session in sessions},
        "people": people,
        "speakers": people,
        "organisations": organisations,
    }
    chosen = []
    for path in sorted(paths):
        parts = path.split("/")
        in_conference = len(parts) > 2 and parts[2] in conferences
        match = ENTITY.search(path)
        if match:
            if match.group(2) in own[match.group(1)] and (
                in_conference or match.group(1) in ("speakers", "organisations")
            ):
                chosen.append(path)
        elif in_conference or path.endswith("/speakers/"):
            chosen.append(path)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for session in sessions:
                chosen.append(session.get_absolute_url())
    return list(dict.fromkeys(p for p in chosen if is_public_path(p)))


def publish_part(output: Path, scope: Scope, *, keep: int = 3) -> Release | None:
    """Publish again only what shows the sessions of ``scope`` (seconds, not the
    whole site's minutes): a copy of the live release by hard links, those pages
    rendered again into it, then the same switch. The whole site when none is live.

    Two rounds, each switched when done: first the sessions', people's and
    organisations' own pages and feeds (a second or two), then their conferences'
    whole pages (programme, schedule files, PDFs), which take longer.
    """
    output = Path(output)
    manifest = current_manifest(output)
    if not (output / CURRENT).is_symlink() or "paths" not in manifest:
        return publish(output, keep=keep)
    with publishing_lock(output):
        started = time.monotonic()
        paths = _part_paths(scope, set(current_manifest(output)["paths"]))
        own = [path for path in paths if ENTITY.search(path)]
        release = None
        for queue in (own, [path for path in paths if path not in own]):
            release = _render_round(output, queue)
        release.seconds = time.monotonic() - started
        prune(output, keep=keep)
        logger.info("Published a part again in %.1f s", release.seconds)
        return release


def _render_round(output: Path, queue: list[str]) -> Release:
    """Render ``queue`` into a hard-link copy of the live release, and switch."""
    previous = (output / CURRENT).resolve()
    manifest = current_manifest(output)
    root = new_release_dir(output)
    try:
        shutil.copytree(previous, root, copy_function=os.link, dirs_exist_ok=True)
        # The whole site's version stays the last full publish's: a part never
        # makes a pending whole publish look done.
        release = Release(
            path=root,
            version=manifest.get("version", ""),
            clock_window=manifest.get("clock_window"),
            files=set(manifest["paths"]),
        )
        writer = Writer(root, None, programme_version().last_modified)
        crawl(release, writer, list(queue), known=set(release.files))
        write_manifest(release)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    switch_current(output, root)
    return release
