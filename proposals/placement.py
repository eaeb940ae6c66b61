"""Decisions on proposals, and placing an accepted one in the programme.

Accepting writes a draft session through ``events.services`` and its parts
through the programme's own services, so the room-overlap rule (and on PostgreSQL
the exclusion constraint) holds here as on every other writing path.
"""

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.models import (
    AgendaItem,
    Organisation,
    Room,
    Session,
    SessionOrganiser,
    SessionSection,
)
from events.services import save_organisation, save_session, save_session_part
from proposals.emails import queue_email
from proposals.models import Decision, MessageTemplate, Proposal, Slot
from speakers.models import Participation, Person
from speakers.services import save_participation, save_person


def find_organisation(name: str) -> Organisation | None:
    """The known organisation written this way (full, short or other name)."""
    name = name.strip()
    match = Organisation.objects.filter(
        Q(name__iexact=name) | Q(short_name__iexact=name)
    ).first()
    if match is not None:
        return match
    folded = name.casefold()
    for organisation in Organisation.objects.exclude(other_names=[]):
        if any(other.casefold() == folded for other in organisation.other_names):
            return organisation
    return None


def organisation_for(name: str) -> Organisation:
    """A known organisation, or a new one for staff to merge later if need be."""
    found = find_organisation(name)
    if found is not None:
        return found
    return save_organisation(
        Organisation(name=name.strip(), slug=_unique_slug(Organisation, name, 100))
    )


def person_for(speaker: dict[str, Any]) -> Person:
    """The person of the programme with this name and organisation, or a new one."""
    organisation = (
        organisation_for(speaker["organisation"])
        if speaker.get("organisation")
        else None
    )
    found = Person.objects.filter(
        given_name__iexact=speaker.get("given_name", ""),
        family_name__iexact=speaker["family_name"],
        organisation=organisation,
    ).first()
    if found is not None:
        return found
    name = f"{speaker.get('given_name', '')} {speaker['family_name']}"
    return save_person(
        Person(
            honorific=speaker.get("honorific", ""),
            given_name=speaker.get("given_name", ""),
            family_name=speaker["family_name"],
            position=speaker.get("position", ""),
            organisation=organisation,
            slug=_unique_slug(Person, name, 120),
        )
    )


def room_is_free(room: Room, start: dt.datetime, end: dt.datetime) -> bool:
    return not Session.objects.filter(room=room, start__lt=end, end__gt=start).exists()


def decide(
    *,
    proposal: Proposal,
    outcome: str,
    by: AbstractBaseUser | None,
    note: str = "",
    slot: Slot | None = None,
    room: Room | None = None,
) -> Decision:
    """Accept, decline or hold a proposal, and tell its proposer by e-mail.

    Accepting needs a slot and a room of the call and makes the draft session.
    Raises ``ValidationError`` (naming ``place``) when the room is taken then.
    """
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update()
            .select_related("call__conference")
            .get(pk=proposal.pk)
        )
        if proposal.status == Proposal.Status.DRAFT:
            raise ValidationError(_("A draft cannot be decided on."))
        if proposal.session_id:
            # Its session is in the programme: change or delete it there.
            raise ValidationError(_("This proposal already has its session."))
        if outcome == Decision.Outcome.ACCEPTED:
            if slot is None or room is None:
                raise ValidationError({"place": _("Choose a slot and a room.")})
            if (
                slot.call_id != proposal.call_id
                or not proposal.call.rooms.filter(pk=room.pk).exists()
            ):
                raise ValidationError(
                    {"place": _("The slot and the room must be the call's.")}
                )
            proposal.session = _make_session(proposal, slot, room)
        proposal.status = outcome
        proposal.save(update_fields=["status", "session", "updated_at"])
        decision = Decision.objects.create(
            proposal=proposal, outcome=outcome, decided_by=by, note=note
        )
        queue_email(MessageTemplate.Kind(outcome).value, proposal)
    return decision


def _make_session(proposal: Proposal, slot: Slot, room: Room) -> Session:
    conference = proposal.call.conference
    session = Session(
        conference=conference,
        kind=Session.Kind.SIDE_EVENT,
        title=proposal.title,
        slug=_unique_slug(Session, proposal.title, 120, conference=conference),
        start=slot.start,
        end=slot.end,
        room=room,
        attendance_mode=proposal.attendance_mode,
        interpretation_languages=["en", "ru"] if proposal.interpretation else [],
        is_published=False,
    )
    try:
        session.full_clean()
    except ValidationError as error:
        messages = [m for messages in error.message_dict.values() for m in messages]
        raise ValidationError({"place": messages}) from error
    try:
        with transaction.atomic():
            save_session(session)
    except IntegrityError as error:  # the exclusion constraint, on PostgreSQL
        raise ValidationError(
            {"place": _("The room is taken at that time.")}
        ) from error
    names = proposal.organisation_names
    seen: set[int] = set()
    for order, name in enumerate(names):
        organisation = organisation_for(name)
        if organisation.pk in seen:
            continue
        seen.add(organisation.pk)
        save_session_part(
            SessionOrganiser(
                session=session,
                organisation=organisation,
                role=SessionOrganiser.Role.ORGANISER
                if order == 0
                else SessionOrganiser.Role.CO_ORGANISER,
                order=order,
            )
        )
    for order, section in enumerate(proposal.sections):
        save_session_part(
            SessionSection(
                session=session,
                order=order,
                title=section["title"],
                body=section.get("body", ""),
            )
        )
    for order, item in enumerate(proposal.agenda):
        start, end = (
            _on_day(conference, slot.start, item.get(key)) for key in ("start", "end")
        )
        if end and start and end <= start:
            end = None
        save_session_part(
            AgendaItem(
                session=session, order=order, title=item["title"], start=start, end=end
            )
        )
    for order, speaker in enumerate(proposal.speakers):
        save_participation(
            Participation(
                session=session,
                person=person_for(speaker),
                role=speaker.get("role") or Participation.Role.SPEAKER,
                order=order,
                joins_online=bool(speaker.get("online")),
                to_be_confirmed=bool(speaker.get("to_be_confirmed")),
            )
        )
    return session


def _on_day(conference, day_of: dt.datetime, hhmm: str | None) -> dt.datetime | None:
    """An agenda time ("16:45") on the slot's day, in the conference's zone."""
    if not hhmm:
        return None
    local_day = conference.local(day_of).date()
    time = dt.time.fromisoformat(hhmm)
    return dt.datetime.combine(local_day, time, tzinfo=conference.tzinfo)


def _unique_slug(model, text: str, limit: int, **scope: Any) -> str:
    base = (slugify(text) or "side-event")[: limit - 4].strip("-") or "side-event"
    slug, number = base, 2
    while model.objects.filter(slug=slug, **scope).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug
