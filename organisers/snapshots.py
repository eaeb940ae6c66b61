"""A session's editable content as plain data, its differences, and writing it back.

The organiser portal edits a snapshot: the description, the concept note, the
agenda and the people. A change that waits for approval is stored as the
snapshot before and after, so staff see exactly what would change, and
approving writes the same data the live mode would have written.
"""

import difflib
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.models import AgendaItem, Session, SessionSection
from events.services import delete_from_programme, save_session, save_session_part
from speakers.models import Participation, Person
from speakers.services import delete_participations, save_participation, save_person

Snapshot = dict[str, Any]


def session_snapshot(session: Session) -> Snapshot:
    """What an organiser may change in a session, in programme order.

    Each text is read per language (``title`` the English, ``title_ru`` the
    Russian column), never through the active language's fallback, so a Russian
    page edits the same data as an English one.
    """
    return {
        "description": session.description_en or "",
        "description_ru": session.description_ru or "",
        "sections": [
            {
                "id": s.pk,
                "title": s.title_en or "",
                "title_ru": s.title_ru or "",
                "body": s.body_en or "",
                "body_ru": s.body_ru or "",
            }
            for s in session.sections.order_by("order", "id")
        ],
        "agenda": [
            {
                "id": a.pk,
                "title": a.title_en or "",
                "title_ru": a.title_ru or "",
                "description": a.description_en or "",
                "description_ru": a.description_ru or "",
            }
            for a in session.agenda_items.order_by("order", "id")
        ],
        "participants": [
            {
                "id": p.pk,
                "name": p.person.full_name,
                "position": p.person.position_en or "",
                "position_ru": p.person.position_ru or "",
                "role": p.role,
                "joins_online": p.joins_online,
                "to_be_confirmed": p.to_be_confirmed,
            }
            for p in session.participations.select_related("person").order_by(
                "order", "id"
            )
        ],
    }


def snapshot_lines(snapshot: Snapshot) -> list[str]:
    """One readable line per part, for the staff's diff."""
    roles = dict(Participation.Role.choices)
    ru = _("Russian")
    lines = [
        _("Description: %s") % line for line in snapshot["description"].split("\n")
    ]
    lines += [
        f"{_('Description')} ({ru}): {line}"
        for line in snapshot.get("description_ru", "").split("\n")
        if line
    ]
    for number, section in enumerate(snapshot["sections"], start=1):
        lines.append(f"{_('Concept note')} {number}: {section['title']}")
        lines += [f"    {line}" for line in section["body"].split("\n")]
        lines += _russian_lines(f"{_('Concept note')} {number}", section, "body", ru)
    for number, item in enumerate(snapshot["agenda"], start=1):
        lines.append(f"{_('Agenda')} {number}: {item['title']}")
        lines += [f"    {line}" for line in item["description"].split("\n") if line]
        lines += _russian_lines(f"{_('Agenda')} {number}", item, "description", ru)
    for number, person in enumerate(snapshot["participants"], start=1):
        marks = [str(roles.get(person["role"], person["role"]))]
        if person["joins_online"]:
            marks.append(_("online"))
        if person["to_be_confirmed"]:
            marks.append(_("to be confirmed"))
        lines.append(
            f"{_('Person')} {number}: {person['name']} ({', '.join(marks)})"
            + (f" – {person['position']}" if person.get("position") else "")
        )
        if person.get("position_ru"):
            lines.append(f"{_('Person')} {number} ({ru}): {person['position_ru']}")
    return lines


def _russian_lines(heading: str, row: dict, text: str, ru: str) -> list[str]:
    """A row's Russian heading and text, when it has them (older edits do not)."""
    lines = [f"{heading} ({ru}): {row['title_ru']}"] if row.get("title_ru") else []
    return lines + [
        f"    {ru}: {line}" for line in row.get(f"{text}_ru", "").split("\n") if line
    ]


def snapshot_diff(before: Snapshot, after: Snapshot) -> list[tuple[str, str]]:
    """The changed lines as (mark, line): "-" removed, "+" added, " " kept."""
    diff = difflib.ndiff(snapshot_lines(before), snapshot_lines(after))
    return [(line[0], line[2:]) for line in diff if line[0] in "-+ "]


def apply_snapshot(session: Session, snapshot: Snapshot) -> None:
    """Write the snapshot into the session: rows kept by id, new ones added.

    Rows of the session missing from the snapshot are deleted (with their
    tombstones); ids that are not the session's are ignored, so a forged form
    never reaches another session.
    """
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        _fill(session, snapshot, ("description",))
        save_session(session)
        _apply_rows(
            session,
            SessionSection,
            snapshot["sections"],
            lambda row, data: _fill(row, data, ("title", "body")),
        )
        _apply_rows(
            session,
            AgendaItem,
            snapshot["agenda"],
            lambda row, data: _fill(row, data, ("title", "description")),
        )
        _apply_participants(session, snapshot["participants"])


def _fill(obj: Any, data: dict, fields: tuple[str, ...]) -> None:
    """Set each text's English and Russian column (Russian only when given)."""
    for field in fields:
        setattr(obj, f"{field}_en", data[field])
        if f"{field}_ru" in data:
            setattr(obj, f"{field}_ru", data[f"{field}_ru"] or "")


def _apply_rows(session: Session, model: type, rows: list[dict], fill: Any) -> None:
    existing = {row.pk: row for row in model.objects.filter(session=session)}
    kept = set()
    for order, data in enumerate(rows):
        row = existing.get(data.get("id")) or model(session=session)
        fill(row, data)
        row.order = order
        save_session_part(row)
        kept.add(row.pk)
    delete_from_programme([row for pk, row in existing.items() if pk not in kept])


def _apply_participants(session: Session, rows: list[dict]) -> None:
    existing = {
        p.pk: p
        for p in Participation.objects.filter(session=session).select_related("person")
    }
    kept = set()
    for order, data in enumerate(rows):
        participation = existing.get(data.get("id"))
        if participation is None:
            participation = Participation(
                session=session, person=_new_person(data), role=data["role"]
            )
        participation.role = data["role"]
        participation.joins_online = data["joins_online"]
        participation.to_be_confirmed = data["to_be_confirmed"]
        participation.order = order
        save_participation(participation)
        kept.add(participation.pk)
    delete_participations([p for pk, p in existing.items() if pk not in kept])


def _new_person(data: dict) -> Person:
    """A person added by an organiser: a new entry, never someone else's profile."""
    given, _space, family = data["name"].strip().rpartition(" ")
    base = slugify(data["name"])[:100] or "person"
    slug, number = base, 1
    while Person.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    person = Person(
        given_name=given,
        family_name=family or given,
        slug=slug,
        position_en=data.get("position") or "",
        position_ru=data.get("position_ru") or "",
    )
    return save_person(person)
