"""Attendees' starred sessions on the server: made, changed and removed anonymously.

A selection names sessions of one conference that the public may see; its key is
the only way to read, change or delete it, and only the key's hash is stored.
"""

import secrets
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.ical import CancelledEvent
from events.models import (
    Conference,
    Deletion,
    ProgrammeRelease,
    Selection,
    Session,
    hash_selection_key,
)

# More than any attendee can attend; keeps one request's work bounded.
MAX_SESSIONS = 500


def new_selection_key() -> str:
    """128 random bits, URL-safe: nobody finds another's selection by guessing."""
    return secrets.token_urlsafe(16)


def selection_by_key(key: str) -> Selection | None:
    """The selection of a key, with its conference, or None."""
    if not key or len(key) > 64:
        return None
    return (
        Selection.objects.select_related("conference")
        .filter(key_hash=hash_selection_key(key))
        .first()
    )


def clean_session_ids(conference: Conference, session_ids: Iterable[int]) -> list[int]:
    """The ids in order without repeats, or a ValidationError on ``sessions``.

    Only published sessions of this conference may be starred; one query, however
    many ids.
    """
    wanted = list(dict.fromkeys(session_ids))
    if len(wanted) > MAX_SESSIONS:
        raise ValidationError(
            {
                "sessions": ngettext(
                    "A selection holds at most %(count)d session.",
                    "A selection holds at most %(count)d sessions.",
                    MAX_SESSIONS,
                )
                % {"count": MAX_SESSIONS}
            }
        )
    found = set(
        Session.objects.published()
        .filter(conference=conference, pk__in=wanted)
        .values_list("pk", flat=True)
    )
    unknown = [pk for pk in wanted if pk not in found]
    if unknown:
        raise ValidationError(
            {
                "sessions": _(
                    "No published session of this conference has the id %(ids)s."
                )
                % {"ids": ", ".join(str(pk) for pk in unknown)}
            }
        )
    return wanted


def create_selection(
    conference: Conference, session_ids: Iterable[int]
) -> tuple[Selection, str]:
    """Store a new selection; the key is returned once and never stored."""
    ids = clean_session_ids(conference, session_ids)
    key = new_selection_key()
    selection = Selection.objects.create(
        conference=conference, key_hash=hash_selection_key(key), session_ids=ids
    )
    return selection, key


def update_selection(selection: Selection, session_ids: Iterable[int]) -> Selection:
    """Replace the selection's sessions (a re-sync after starring more)."""
    ids = clean_session_ids(selection.conference, session_ids)
    with transaction.atomic():
        selection.session_ids = ids
        selection.save(update_fields=["session_ids", "updated_at"])
    return selection


def delete_selection(selection: Selection) -> None:
    """Remove the server copy: its feed is gone, the browser keeps its stars."""
    selection.delete()


def cancelled_in(selection: Selection, shown: set[int]) -> list[CancelledEvent]:
    """The selected sessions the public no longer sees, as cancelled events.

    An unpublished session still has its times; a deleted one (it has a
    tombstone) is placed where the last published programme version had it, and
    left out when no version ever showed it. Three queries at most, however many.
    """
    missing = [pk for pk in selection.session_ids if pk not in shown]
    if not missing:
        return []
    conference = selection.conference
    events = {
        session.pk: CancelledEvent(
            pk=session.pk,
            title=session.title,
            start=session.start,
            end=session.end,
            sequence=session.sequence,
            stamp=session.updated_at,
        )
        for session in Session.objects.filter(conference=conference, pk__in=missing)
    }
    deleted = dict(
        Deletion.objects.filter(
            resource=Deletion.Resource.SESSION,
            object_id__in=[pk for pk in missing if pk not in events],
        ).values_list("object_id", "deleted_at")
    )
    if deleted:
        versions = ProgrammeRelease.objects.filter(conference=conference)
        for snapshot in versions.order_by("-number").values_list("snapshot", flat=True):
            for pk in [pk for pk in deleted if pk not in events]:
                state = (snapshot or {}).get(str(pk))
                if state:
                    events[pk] = CancelledEvent(
                        pk=pk,
                        title=state["title"],
                        start=datetime.fromisoformat(state["start"]),
                        end=datetime.fromisoformat(state["end"]),
                        sequence=state["sequence"] + 1,
                        stamp=deleted[pk],
                    )
            if all(pk in events for pk in deleted):
                break
    return [events[pk] for pk in missing if pk in events]
