"""Reads of proposals for reviewers and staff: the table, clashes, the grid."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from events.models import Organisation, Room, Session
from proposals.models import Call, Proposal, Review, Slot

# A proposal counts as strong from this share of the highest possible score.
STRONG_SHARE = 0.6


@dataclass
class Row:
    proposal: Proposal
    average: float | None
    reviews: int
    slots: list[Slot]
    clashes: list[str] = field(default_factory=list)


def open_call_for(conference_id: int, at=None) -> Call | None:
    """The conference's call while it takes proposals, for the public pages."""
    call = Call.objects.filter(conference_id=conference_id).first()
    return call if call is not None and call.is_open(at) else None


def reviewable(call: Call) -> QuerySet[Proposal]:
    """Proposals past the draft stage: drafts are their proposers' own."""
    return call.proposals.exclude(status=Proposal.Status.DRAFT)


def conflicted_names(user: AbstractBaseUser) -> set[str]:
    """Every name of the organisations the reviewer declared a conflict with."""
    names: set[str] = set()
    for organisation in Organisation.objects.filter(reviewer_conflicts__reviewer=user):
        names.update(
            name.casefold()
            for name in (
                organisation.name,
                organisation.short_name,
                *organisation.other_names,
            )
            if name
        )
    return names


def has_conflict(proposal: Proposal, names: set[str]) -> bool:
    return any(name.strip().casefold() in names for name in proposal.organisation_names)


def visible_reviews(proposal: Proposal, user: AbstractBaseUser) -> list[Review]:
    """Other reviewers' scores, shown only once this reviewer has scored (pretalx)."""
    reviews = list(proposal.reviews.select_related("reviewer"))
    if user.has_perm("proposals.change_proposal"):
        return reviews
    if any(review.reviewer_id == user.pk for review in reviews):
        return reviews
    return []


def table(call: Call) -> list[Row]:
    """Each proposal with its average total score, review count, slots and clashes.

    Two queries whatever the number of proposals: proposals with reviews, slots.
    """
    slots = {slot.pk: slot for slot in call.slots.all()}
    highest = sum(criterion.max_score for criterion in call.criteria.all()) or 1
    rows = []
    for proposal in reviewable(call).prefetch_related("reviews"):
        totals = [review.total for review in proposal.reviews.all()]
        rows.append(
            Row(
                proposal=proposal,
                average=sum(totals) / len(totals) if totals else None,
                reviews=len(totals),
                slots=[slots[pk] for pk in proposal.preferred_slots if pk in slots],
            )
        )
    _mark_clashes(rows, highest)
    return rows


def _mark_clashes(rows: list[Row], highest: int) -> None:
    """Two strong proposals wanting one slot first; one organisation twice in a slot."""
    first_choice: dict[int, list[Row]] = defaultdict(list)
    by_slot_and_name: dict[tuple[int, str], list[Row]] = defaultdict(list)
    for row in rows:
        if (
            row.slots
            and row.average is not None
            and row.average >= (STRONG_SHARE * highest)
        ):
            first_choice[row.slots[0].pk].append(row)
        for slot in row.slots:
            for name in {n.strip().casefold() for n in row.proposal.organisation_names}:
                by_slot_and_name[(slot.pk, name)].append(row)
    for group in first_choice.values():
        if len(group) > 1:
            for row in group:
                others = ", ".join(o.proposal.title for o in group if o is not row)
                row.clashes.append(
                    _("Same first choice of slot as: %(titles)s") % {"titles": others}
                )
    for (slot_pk, name), group in by_slot_and_name.items():
        if len(group) > 1:
            slot = next(s for s in group[0].slots if s.pk == slot_pk)
            for row in group:
                row.clashes.append(
                    _("%(name)s is in two proposals for %(slot)s")
                    % {"name": name, "slot": slot}
                )


@dataclass
class Cell:
    slot: Slot
    room: Room
    taken_by: Session | None


def grid(call: Call) -> list[tuple[Slot, list[Cell]]]:
    """The call's slots × rooms, with the session (if any) that takes each cell."""
    slots = list(call.slots.all())
    rooms = list(call.rooms.all())
    if not slots or not rooms:
        return []
    sessions = list(
        Session.objects.filter(
            room__in=rooms,
            start__lt=max(slot.end for slot in slots),
            end__gt=min(slot.start for slot in slots),
        ).only("title", "start", "end", "room_id")
    )
    result = []
    for slot in slots:
        cells = []
        for room in rooms:
            taken = next(
                (
                    session
                    for session in sessions
                    if session.room_id == room.pk
                    and session.start < slot.end
                    and session.end > slot.start
                ),
                None,
            )
            cells.append(Cell(slot=slot, room=room, taken_by=taken))
        result.append((slot, cells))
    return result
