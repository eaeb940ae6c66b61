"""Rules about people on the programme."""

from events.models import Session
from speakers.models import Participation, Person


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
