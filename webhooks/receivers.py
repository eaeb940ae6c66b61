"""Thin signal receivers: each passes the object to ``webhooks.services``.

Fixture loading (``raw``) writes rows as they were and tells nobody.
"""

from typing import Any

from events.models import ProgrammeRelease, Session
from registration.models import Registration
from webhooks import services


def session_saved(
    sender: type, instance: Session, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        services.session_changed(instance)


def session_deleted(sender: type, instance: Session, **kwargs: Any) -> None:
    services.session_changed(instance, deleted=True)


def part_changed(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and getattr(instance, "session_id", None):
        services.session_part_changed(instance.session_id)


def release_saved(
    sender: type,
    instance: ProgrammeRelease,
    created: bool = False,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    if created and not raw:
        services.release_published(instance)


def registration_saved(
    sender: type,
    instance: Registration,
    created: bool = False,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    if not raw:
        services.registration_changed(instance, created=created)
