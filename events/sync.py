"""What API clients need to sync incrementally: tombstones and fresh timestamps.

A client that fetches ``?updated_since=`` learns about changed objects from their
``updated_at``, and about deleted ones from the ``Deletion`` tombstones written
here. Changes to a session's parts (organisers, concept note, agenda, people) make
the session itself count as changed, because the API nests those parts in it.

The receivers are connected in ``EventsConfig.ready`` for every writing path (the
admin, the API, the shell); fixture loading (``raw``) is left alone. Models of the
speakers app are named by label only, so that events does not import speakers.
"""

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from events.models import Deletion, Session

TOMBSTONED = {
    "events.conference": Deletion.Resource.CONFERENCE,
    "events.session": Deletion.Resource.SESSION,
    "events.room": Deletion.Resource.ROOM,
    "events.organisation": Deletion.Resource.ORGANISATION,
    "events.agendaitem": Deletion.Resource.AGENDA_ITEM,
    "events.sessionorganiser": Deletion.Resource.SESSION_ORGANISER,
    "events.sessionsection": Deletion.Resource.SESSION_SECTION,
    "speakers.person": Deletion.Resource.PERSON,
    "speakers.participation": Deletion.Resource.PARTICIPATION,
}
SESSION_PARTS = (
    "events.sessionorganiser",
    "events.sessionsection",
    "events.agendaitem",
    "speakers.participation",
)


def record_deletion(resource: str, object_id: int) -> Deletion:
    """Leave a tombstone so that syncing clients learn the object is gone."""
    return Deletion.objects.create(resource=resource, object_id=object_id)


def touch_sessions(session_ids: Iterable[int]) -> None:
    """Mark sessions as changed when one of their nested parts changed."""
    ids = {pk for pk in session_ids if pk}
    if ids:
        Session.objects.filter(pk__in=ids).update(updated_at=timezone.now())


def _on_delete(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    label = sender._meta.label_lower
    if label in TOMBSTONED:
        record_deletion(TOMBSTONED[label], instance.pk)
    if label in SESSION_PARTS:
        touch_sessions([instance.session_id])  # type: ignore[attr-defined]


def _before_save(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    """Note the session a part leaves, so that it counts as changed too."""
    if raw or instance.pk is None:
        return
    stored = (
        sender._default_manager.filter(pk=instance.pk)
        .values_list("session_id", flat=True)
        .first()
    )
    if stored != instance.session_id:  # type: ignore[attr-defined]
        instance._left_session_id = stored  # type: ignore[attr-defined]


def _on_save(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        left = instance.__dict__.pop("_left_session_id", None)
        touch_sessions([instance.session_id, left])  # type: ignore[attr-defined]


def connect_receivers() -> None:
    """Listen to the models named above, by sender, so other deletes stay fast."""
    for label in {*TOMBSTONED, *SESSION_PARTS}:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"sync-del-{label}")
        if label in SESSION_PARTS:
            pre_save.connect(
                _before_save, sender=model, dispatch_uid=f"sync-pre-{label}"
            )
            post_save.connect(_on_save, sender=model, dispatch_uid=f"sync-save-{label}")
