"""Programme versions: publishing one, and what changed since the one before.

Staff publish a version when the programme has settled (with a short note); the
public Changes page, its Atom feed, ``/api/v1/changes/`` and the frab schedule's
``<version>`` follow the published versions, not every keystroke in the admin.
"""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from events.models import Conference, ProgrammeRelease, Session

# What a version records of each session the public sees.
MOVE_FIELDS = ("start", "end", "room")
CHANGE_FIELDS = ("title", "kind", "sequence")


def snapshot_of(conference: Conference) -> dict[str, dict[str, Any]]:
    """The published sessions as the public sees them now, by id."""
    sessions = Session.objects.filter(conference=conference, is_published=True)
    rows = sessions.select_related("room").order_by("start", "id")
    return {
        str(session.pk): {
            "slug": session.slug,
            "title": session.title,
            "kind": session.kind,
            "start": conference.local(session.start).isoformat(),
            "end": conference.local(session.end).isoformat(),
            "room": session.room.name if session.room else "",
            "sequence": session.sequence,
        }
        for session in rows
    }


def changes_between(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Added, moved, changed and cancelled sessions, in the order of the programme.

    A session both moved and renamed counts as moved (the change a reader must not
    miss); a session unpublished or deleted counts as cancelled.
    """
    changes = []
    for pk, now in after.items():
        then = before.get(pk)
        if then is None:
            kind = ProgrammeRelease.Change.ADDED
        elif any(then[field] != now[field] for field in MOVE_FIELDS):
            kind = ProgrammeRelease.Change.MOVED
        elif any(then[field] != now[field] for field in CHANGE_FIELDS):
            kind = ProgrammeRelease.Change.CHANGED
        else:
            continue
        changes.append(
            {"change": kind.value, "session": int(pk), "before": then, "after": now}
        )
    for pk, then in before.items():
        if pk not in after:
            changes.append(
                {
                    "change": ProgrammeRelease.Change.CANCELLED.value,
                    "session": int(pk),
                    "before": then,
                    "after": None,
                }
            )
    return sorted(
        changes, key=lambda c: ((c["after"] or c["before"])["start"], c["session"])
    )


def publish_programme_release(
    conference: Conference, *, note: str = "", user: Any = None
) -> ProgrammeRelease:
    """Publish the next version of the conference's programme, with its changes.

    The first version lists every session as added. The conference row is locked
    so that two editors publishing at once get two numbers, not one twice.
    """
    with transaction.atomic():
        Conference.objects.select_for_update().filter(pk=conference.pk).first()
        previous = (
            ProgrammeRelease.objects.filter(conference=conference)
            .order_by("-number")
            .first()
        )
        snapshot = snapshot_of(conference)
        return ProgrammeRelease.objects.create(
            conference=conference,
            number=previous.number + 1 if previous else 1,
            note=note,
            published_at=timezone.now(),
            published_by=user if getattr(user, "pk", None) else None,
            snapshot=snapshot,
            changes=changes_between(previous.snapshot if previous else {}, snapshot),
        )


def releases_of(conference: Conference) -> QuerySet[ProgrammeRelease]:
    """The conference's published versions, newest first."""
    return ProgrammeRelease.objects.filter(conference=conference).order_by("-number")


def latest_release(conference: Conference) -> ProgrammeRelease | None:
    return releases_of(conference).first()
