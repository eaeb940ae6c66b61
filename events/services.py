"""Writes of the programme, for every writing path: the admin, the API, commands.

Each save or delete here also keeps incremental sync honest: a deleted object of a
tombstoned kind leaves a ``Deletion`` (cascades included), and a change to a part
that the API nests in its session (organisers, concept note, agenda, people) makes
the session count as changed. Models say which they are (``tombstone_resource``,
``nested_in_session``), so this module serves the speakers app without naming it.
Fixture loading bypasses these functions, and so writes no tombstones.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import (
    Conference,
    Deletion,
    Organisation,
    Room,
    Session,
    Venue,
)
from events.selectors import (
    organisation_name_users,
    organisation_names,
    organisation_relations,
)

# What a calendar subscriber sees of a session (its VEVENT): a change to any of
# these raises the session's revision (iCal SEQUENCE) by one.
SUBSCRIBER_FIELDS = (
    "title",
    "description",
    "kind",
    "start",
    "end",
    "room_id",
    "attendance_mode",
    "online_platform",
    "online_join_url",
    "online_meeting_id",
    "online_passcode",
    "online_registration_url",
    "online_link_on_registration",
    "is_published",
)


def touch_sessions(session_ids: Iterable[int | None]) -> None:
    """Mark sessions as changed when one of their nested parts changed.

    Their people and organisers are in the calendar event's description, so the
    revision grows too.
    """
    ids = {pk for pk in session_ids if pk}
    if ids:
        Session.objects.filter(pk__in=ids).update(
            updated_at=timezone.now(), sequence=models.F("sequence") + 1
        )


def save_conference(conference: Conference) -> Conference:
    """Save a conference; its sessions' timestamps stay, the API reads both."""
    with transaction.atomic():
        conference.save()
    return conference


def save_venue(venue: Venue) -> Venue:
    """Save a venue (its rooms are saved one by one with ``save_room``)."""
    with transaction.atomic():
        venue.save()
    return venue


def save_room(room: Room) -> Room:
    """Save a room of a venue."""
    with transaction.atomic():
        room.save()
    return room


def save_organisation(organisation: Organisation) -> Organisation:
    """Save an organisation that organises conferences or sessions."""
    with transaction.atomic():
        organisation.save()
    return organisation


def merge_organisations(keep: Organisation, duplicate: Organisation) -> dict[str, int]:
    """Move every reference to ``duplicate`` onto ``keep``, then delete ``duplicate``.

    Foreign keys (session organisers, people, a conference's organiser, conflicts of
    interest) move; a row that would repeat one of ``keep``'s under a unique
    constraint (the same session organised by both) is deleted instead, leaving its
    tombstone. Names in text (proposals' organisations and co-organisers) become
    ``keep``'s name, and the duplicate's names become other names of ``keep``. The
    duplicate is deleted through ``delete_from_programme``, so a tombstone is left.
    Returns how many references moved, by the referring model's plural name.
    """
    if keep.pk == duplicate.pk:
        raise ValidationError(_("An organisation cannot be merged with itself."))
    moved: dict[str, int] = {}
    with transaction.atomic():
        organisations = Organisation.objects.select_for_update().in_bulk(
            [keep.pk, duplicate.pk]
        )
        keep, duplicate = organisations[keep.pk], organisations[duplicate.pk]
        touched: set[int] = set()
        for field in organisation_relations():
            model = field.model
            rows = model._default_manager.filter(**{field.name: duplicate})
            if getattr(model, "nested_in_session", False):
                touched |= set(rows.values_list("session_id", flat=True))
            clashing = _clashing(rows, field, keep)
            delete_from_programme(clashing)
            updates: dict[str, object] = {field.name: keep}
            if any(f.name == "updated_at" for f in model._meta.concrete_fields):
                updates["updated_at"] = timezone.now()
            count = rows.update(**updates) + len(clashing)
            if count:
                moved[str(model._meta.verbose_name_plural)] = count
        names = organisation_names(duplicate)
        for model in organisation_name_users():
            objects = model.naming_organisation(names)
            if objects:
                model.rename_organisation(objects, names, keep.name_en or keep.name)
                moved[str(model._meta.verbose_name_plural)] = len(objects)
        own = organisation_names(keep)
        keep.other_names = [
            *(keep.other_names or []),
            *sorted(name for name in names if name not in own),
        ]
        keep.save()
        delete_from_programme([duplicate])
        touch_sessions(touched)
    return moved


def _clashing(
    rows: models.QuerySet, field: models.ForeignKey, keep: Organisation
) -> list[models.Model]:
    """Rows that, moved to ``keep``, would repeat one of its rows under a constraint."""
    model = field.model
    unique_sets = [set(fields) for fields in model._meta.unique_together]
    unique_sets += [
        set(constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and constraint.fields
        and constraint.condition is None
    ]
    clashing: dict[int, models.Model] = {}
    for fields in unique_sets:
        if field.name not in fields:
            continue
        others = sorted(fields - {field.name})
        if not others:
            if model._default_manager.filter(**{field.name: keep}).exists():
                clashing.update((row.pk, row) for row in rows)
            continue
        taken = set(
            model._default_manager.filter(**{field.name: keep}).values_list(*others)
        )
        attnames = [model._meta.get_field(name).attname for name in others]
        for row in rows:
            if tuple(getattr(row, name) for name in attnames) in taken:
                clashing[row.pk] = row
    return list(clashing.values())


def save_session(session: Session) -> Session:
    """Save a session; a change a subscriber sees raises its revision by one.

    ``updated_at`` tells syncing clients; ``sequence`` tells calendars which copy
    of the event is newer (RFC 5545 SEQUENCE), counting revisions, not seconds.
    """
    with transaction.atomic():
        if session.pk is not None:
            stored = (
                Session.objects.select_for_update(of=("self",))
                .filter(pk=session.pk)
                .values("sequence", *SUBSCRIBER_FIELDS)
                .first()
            )
            if stored is not None:
                changed = any(
                    stored[field] != getattr(session, field)
                    for field in SUBSCRIBER_FIELDS
                )
                session.sequence = stored["sequence"] + (1 if changed else 0)
        session.save()
    return session


def save_session_part[Part: models.Model](
    part: Part, *, previous_session_id: int | None = None
) -> Part:
    """Save a part nested in a session, and mark its session as changed.

    A part moved from one session to another changes both: the caller passes the
    session the part belonged to, known before saving (the admin form's initial
    data, the API's instance), so no query looks it up again.
    """
    with transaction.atomic():
        part.save()
        touch_sessions([part.session_id, previous_session_id])  # type: ignore[attr-defined]
    return part


def delete_from_programme(objects: Iterable[models.Model]) -> int:
    """Delete objects and all that cascades with them, leaving tombstones.

    Every removed object of a tombstoned kind leaves a ``Deletion``, whether it
    was named or went with another (a conference takes its sessions, their parts
    and the people's participations along); sessions that lose a part and stay
    count as changed. Raises ``ProtectedError`` or ``RestrictedError`` as
    ``Model.delete()`` does, before anything is removed. Returns how many objects
    were deleted.
    """
    if isinstance(objects, models.QuerySet):
        model, using = objects.model, objects.db
    else:
        objects = list(objects)
        if not objects:
            return 0
        model = type(objects[0])
        using = router.db_for_write(model, instance=objects[0])
    with transaction.atomic(using=using):
        collector = Collector(using=using)
        collector.collect(objects)
        gone, touched = _what_goes(collector)
        count, _by_model = collector.delete()
        Deletion.objects.using(using).bulk_create(
            Deletion(resource=resource, object_id=object_id)
            for resource, ids in gone.items()
            for object_id in sorted(ids)
        )
        touch_sessions(touched - gone.get(Deletion.Resource.SESSION, set()))
    return count


def tombstone_vanished(parts: dict[type[models.Model], set[int]]) -> int:
    """Leave tombstones for the objects of ``parts`` that no longer exist.

    For deletes done past the services (django-reversion's revert removes what
    was added since the version with its own collector); ``parts`` comes from
    ``events.selectors.tombstoned_parts_of`` read before. Returns how many
    tombstones were written.
    """
    deletions: list[Deletion] = []
    for model, ids in parts.items():
        if not ids:
            continue
        remaining = model._default_manager.filter(pk__in=ids)
        vanished = ids - set(remaining.values_list("pk", flat=True))
        deletions += [
            Deletion(resource=model.tombstone_resource, object_id=pk)
            for pk in sorted(vanished)
        ]
    Deletion.objects.bulk_create(deletions)
    return len(deletions)


def _what_goes(collector: Collector) -> tuple[dict[str, set[int]], set[int]]:
    """Ids to tombstone by resource, and the sessions whose parts go.

    The collector holds some objects as instances and deletes others as whole
    querysets (``fast_deletes``); both are read before anything is removed.
    """
    gone: dict[str, set[int]] = defaultdict(set)
    touched: set[int] = set()
    for model, instances in collector.data.items():
        resource = getattr(model, "tombstone_resource", None)
        nested = getattr(model, "nested_in_session", False)
        for instance in instances:
            if resource:
                gone[resource].add(instance.pk)
            if nested:
                touched.add(instance.session_id)
    for queryset in collector.fast_deletes:
        model = queryset.model
        resource = getattr(model, "tombstone_resource", None)
        nested = getattr(model, "nested_in_session", False)
        if not (resource or nested):
            continue
        for pk, session_id in queryset.values_list(
            "pk", "session_id" if nested else "pk"
        ):
            if resource:
                gone[resource].add(pk)
            if nested:
                touched.add(session_id)
    return gone, touched
