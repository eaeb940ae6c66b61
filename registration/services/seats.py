"""Side-event seats and their waiting lists.

A side event whose room is full has a waiting list of its own (SideEventWait): a
registration that holds a conference place and chooses a full side event queues for
it, and whenever a seat may have become free the earliest entries get it at once,
in the same locked transaction (`fill_seats`), with an e-mail saying so.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Conference, Session
from registration.models import Registration, SideEventWait
from registration.selectors import room_capacity, side_event_seats_taken
from registration.services import RegistrationError
from registration.services.locking import (
    lock_conference,
    lock_sessions,
    require_conference_locked,
)
from registration.services.mail import queue_email


def overlapping_pair(sessions: Iterable[Session]) -> tuple[Session, Session] | None:
    """The first two chosen side events that run at the same time, if any.

    Intervals are half-open, as in the programme rules: one may start the minute
    the other ends. A person sits in one room at a time, so holding both seats
    would keep a seat empty that someone on a waiting list could have.
    """
    ordered = sorted(sessions, key=lambda session: (session.start, session.pk))
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if second.start >= first.end:
                break
            return first, second
    return None


def require_one_seat_per_slot(sessions: Iterable[Session]) -> None:
    """Refuse two side events at the same time, naming both (form, admin, services)."""
    pair = overlapping_pair(sessions)
    if pair is not None:
        raise RegistrationError(
            _(
                "“%(first)s” and “%(second)s” take place at the same time: "
                "choose one of them."
            )
            % {"first": pair[0].title, "second": pair[1].title},
            field="sessions",
        )


def full_sessions(
    sessions: list[Session], exclude: Registration | None = None
) -> list[Session]:
    """Lock the chosen sessions and return those whose room has no seat left."""
    if not sessions:
        return []
    locked = lock_sessions(session.pk for session in sessions)
    taken = side_event_seats_taken([session.pk for session in locked], exclude=exclude)
    return [
        session
        for session in locked
        if room_capacity(session) is not None
        and taken[session.pk] >= room_capacity(session)
    ]


def seat_or_wait(registration: Registration, sessions: list[Session]) -> list[Session]:
    """Seat a place holder in the side events with room; queue it for the full ones.

    Return the side events it now waits for. Needs the conference locked.
    """
    require_conference_locked(registration.conference_id)
    full = full_sessions(sessions, exclude=registration)
    full_ids = {session.pk for session in full}
    seated = [session for session in sessions if session.pk not in full_ids]
    if seated:
        registration.sessions.add(*seated)
    if full:
        registration.sessions.remove(*full)
        now = timezone.now()
        SideEventWait.objects.bulk_create(
            [
                SideEventWait(
                    registration=registration, session=session, created_at=now
                )
                for session in full
            ],
            ignore_conflicts=True,
        )
    return full


def release(registrations: Iterable[Registration]) -> set[int]:
    """Forget the queue entries of registrations leaving their place.

    Return the side events whose seats they held, to be passed on (`fill_seats`).
    """
    pks = [registration.pk for registration in registrations]
    if not pks:
        return set()
    SideEventWait.objects.filter(registration__in=pks).delete()
    return set(
        Session.objects.filter(registrations__in=pks).values_list("pk", flat=True)
    )


def fill_seats(
    conference: Conference, session_ids: Iterable[int]
) -> list[SideEventWait]:
    """Give the free seats of these side events to the earliest people waiting.

    They asked for the seat, so there is nothing to accept: the side event joins
    their registration and an e-mail tells them. Needs the conference locked.
    """
    require_conference_locked(conference)
    sessions = lock_sessions(session_ids)
    if not sessions:
        return []
    holders = Registration.objects.holding_place()
    SideEventWait.objects.filter(session__in=sessions).exclude(
        registration__in=holders.values("pk")
    ).delete()
    taken = side_event_seats_taken([session.pk for session in sessions])
    promoted: list[SideEventWait] = []
    for session in sessions:
        capacity = room_capacity(session)
        entries = (
            SideEventWait.objects.filter(session=session)
            .select_related("registration")
            .order_by("created_at", "id")
        )
        if capacity is not None:
            free = capacity - taken[session.pk]
            if free <= 0:
                continue
            entries = entries[:free]
        for entry in list(entries):
            entry.registration.sessions.add(session)
            entry.delete()
            queue_email("side_event_seat", entry.registration.pk, session=session.pk)
            promoted.append(entry)
    return promoted


@transaction.atomic
def fill_side_event_seats(conference: Conference | None = None) -> list[SideEventWait]:
    """Give free side-event seats to the people waiting, e.g. after a room grew.

    Seats free up on their own when someone leaves; this is for changes the rules
    do not see, such as staff raising a room's capacity. Without a conference,
    every conference with a waiting list is filled.
    """
    conferences = Conference.objects.filter(
        pk__in=SideEventWait.objects.values("session__conference")
    ).order_by("pk")
    if conference is not None:
        conferences = conferences.filter(pk=conference.pk)
    promoted: list[SideEventWait] = []
    for locked in conferences:
        lock_conference(locked)
        promoted += fill_seats(
            locked,
            SideEventWait.objects.filter(session__conference=locked).values_list(
                "session_id", flat=True
            ),
        )
    return promoted
