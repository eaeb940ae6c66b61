"""Rules about people on the programme, and the writes of people and their roles.

The writes go through ``events.services``, which leaves the tombstones and marks
the sessions a participation joins or leaves as changed.
"""

from collections.abc import Iterable

from django.utils.translation import gettext

from events.models import Session
from events.services import delete_from_programme, save_session_part
from speakers.models import Participation, Person


def save_person(person: Person) -> Person:
    """Save a person; the sessions they take part in keep their timestamps."""
    person.save()
    return person


def save_participation(
    participation: Participation, *, previous_session_id: int | None = None
) -> Participation:
    """Save someone's role in a session; the session (and one left) count as changed."""
    return save_session_part(participation, previous_session_id=previous_session_id)


def delete_people(people: Iterable[Person]) -> int:
    """Delete people with their participations, leaving tombstones for both."""
    return delete_from_programme(people)


def delete_participations(participations: Iterable[Participation]) -> int:
    """Delete roles in sessions, leaving tombstones; their sessions count as changed."""
    return delete_from_programme(participations)


def overlapping_bookings(session: Session) -> list[tuple[Person, Session]]:
    """Pairs (person, other session) of people in this session booked twice at once.

    A person may be in two places by design (a recorded message), so this warns
    rather than refuses.
    """
    people = Participation.objects.filter(session=session).values("person_id")
    clashes = (
        Participation.objects.filter(
            person_id__in=people,
            session__start__lt=session.end,
            session__end__gt=session.start,
        )
        .exclude(session=session)
        .select_related("person", "session")
        .order_by("session__start")
    )
    seen: set[tuple[int, int]] = set()
    result = []
    for participation in clashes:
        key = (participation.person_id, participation.session_id)
        if key not in seen:
            seen.add(key)
            result.append((participation.person, participation.session))
    return result


def double_bookings(participation: Participation) -> list[Session]:
    """The person's other sessions at the same time as this participation's."""
    return [
        other
        for person, other in overlapping_bookings(participation.session)
        if person.pk == participation.person_id
    ]


def double_booking_warnings(session: Session) -> list[str]:
    """The admin's warning for each person of the session booked twice at once."""
    return [
        gettext("%(person)s is also booked in “%(session)s” at the same time.")
        % {"person": person, "session": other.title}
        for person, other in overlapping_bookings(session)
    ]
