"""Reads of the programme, with the joins each reader needs in one place."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Max, Prefetch, Q, QuerySet

from events.models import (
    AgendaItem,
    Conference,
    Organisation,
    Room,
    Session,
    SessionOrganiser,
)


def can_preview(user: User | AnonymousUser) -> bool:
    """Staff see drafts; everybody else sees only what is published."""
    return bool(user.is_authenticated and user.is_staff)


def conferences_visible_to(user: User | AnonymousUser) -> QuerySet[Conference]:
    conferences = Conference.objects.select_related("venue", "organiser")
    return conferences if can_preview(user) else conferences.published()


def sessions_visible_to(user: User | AnonymousUser) -> QuerySet[Session]:
    sessions = Session.objects.all()
    return sessions if can_preview(user) else sessions.published()


def with_programme_details(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Attach rooms, organisers, concept note, agenda and people in fixed queries.

    The participations relation belongs to the speakers app and is named here only as
    a string, so that events does not import speakers.
    """
    return sessions.select_related(
        "conference", "room", "room__venue"
    ).prefetch_related(
        "sections",
        Prefetch(
            "organisers",
            queryset=SessionOrganiser.objects.select_related("organisation"),
        ),
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "id")),
        Prefetch(
            "participations",
            queryset=_participations_queryset(sessions),
        ),
    )


def _participations_queryset(sessions: QuerySet[Session]) -> QuerySet:
    participations = sessions.model._meta.get_field("participations").related_model
    return participations.objects.select_related(
        "person", "person__organisation"
    ).order_by("order", "id")


# --- Public site: the programme as attendees read it -------------------------

FULL_WIDTH_KINDS = frozenset(
    {
        Session.Kind.REGISTRATION,
        Session.Kind.OPENING,
        Session.Kind.KEYNOTE,
        Session.Kind.PLENARY,
        Session.Kind.BREAK,
        Session.Kind.LUNCH,
        Session.Kind.CLOSING,
    }
)


@dataclass
class ProgrammeSlot:
    """Sessions that overlap in time: one plenary, or side events side by side."""

    start: datetime
    end: datetime
    sessions: list[Session] = field(default_factory=list)

    @property
    def is_parallel(self) -> bool:
        return len(self.sessions) > 1 or any(
            session.kind not in FULL_WIDTH_KINDS for session in self.sessions
        )


@dataclass
class ProgrammeDay:
    number: int
    date: date
    slots: list[ProgrammeSlot] = field(default_factory=list)


def conference_days(conference: Conference) -> list[date]:
    span = (conference.end_date - conference.start_date).days
    return [conference.start_date + timedelta(days=i) for i in range(span + 1)]


def programme_days(
    conference: Conference, sessions: Iterable[Session]
) -> list[ProgrammeDay]:
    """Group sessions by local day, then into slots of overlapping sessions.

    Overlap, not equal times, makes a slot, so a 16:45 side event sits beside one
    starting at 17:00; parallel sessions are ordered by room as on the paper.
    """
    days = {
        day: ProgrammeDay(number=number, date=day)
        for number, day in enumerate(conference_days(conference), start=1)
    }
    for session in sorted(sessions, key=lambda s: (s.start, s.end)):
        day = conference.local(session.start).date()
        programme_day = days.setdefault(day, ProgrammeDay(number=0, date=day))
        slot = programme_day.slots[-1] if programme_day.slots else None
        if slot is not None and session.start < slot.end:
            slot.sessions.append(session)
            slot.end = max(slot.end, session.end)
        else:
            programme_day.slots.append(
                ProgrammeSlot(start=session.start, end=session.end, sessions=[session])
            )
    for programme_day in days.values():
        for slot in programme_day.slots:
            slot.sessions.sort(key=_room_order)
    return [days[day] for day in sorted(days) if days[day].slots]


def _room_order(session: Session) -> tuple:
    room = session.room
    return (room is None, room.order if room else 0, room.name if room else "")


def now_and_next(
    conference: Conference, sessions: Iterable[Session], now: datetime
) -> tuple[set[int], set[int]]:
    """Ids of sessions running now and of those starting next, on the same day.

    Empty outside the conference's dates, so archived programmes carry no marker.
    """
    today = conference.local(now).date()
    if not (conference.start_date <= today <= conference.end_date):
        return set(), set()
    todays = [s for s in sessions if conference.local(s.start).date() == today]
    running = {s.pk for s in todays if s.start <= now < s.end}
    upcoming = [s for s in todays if s.start > now]
    if not upcoming:
        return running, set()
    first = min(s.start for s in upcoming)
    return running, {s.pk for s in upcoming if s.start == first}


def programme_sessions(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Sessions with what a programme entry shows: room and organisers."""
    return sessions.select_related(
        "conference", "room", "room__venue"
    ).prefetch_related(
        Prefetch(
            "organisers",
            queryset=SessionOrganiser.objects.select_related("organisation"),
        )
    )


def search_sessions(sessions: QuerySet[Session], text: str) -> QuerySet[Session]:
    """Match free text in titles, descriptions, organisers and people's names."""
    for word in text.split():
        condition = (
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(organisers__organisation__name__icontains=word)
            | Q(organisers__organisation__short_name__icontains=word)
            | Q(participations__person__family_name__icontains=word)
            | Q(participations__person__given_name__icontains=word)
        )
        matches = Session.objects.filter(condition).values("pk")
        sessions = sessions.filter(pk__in=matches)
    return sessions


def rooms_of(conference: Conference, sessions: QuerySet[Session]) -> QuerySet[Room]:
    return (
        Room.objects.filter(sessions__in=sessions.filter(conference=conference))
        .select_related("venue")
        .distinct()
        .order_by("order", "name")
    )


def organisations_of(sessions: QuerySet[Session]) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(session_organisers__session__in=sessions)
        .distinct()
        .order_by("name")
    )


def archived_conferences(
    conferences: QuerySet[Conference],
) -> QuerySet[Conference]:
    """Every meeting but the newest one, which the home page presents."""
    newest = conferences.order_by("-start_date").values("pk")[:1]
    return conferences.exclude(pk__in=newest).order_by("-start_date")


def site_version() -> str:
    """A cheap fingerprint of the public data, for ETags and 304 answers.

    Counts catch deletions, which leave no newer updated_at behind. People are
    reached through the participations relation by name only (events does not
    import speakers).
    """
    person_model = (
        Session._meta.get_field("participations")
        .related_model._meta.get_field("person")
        .related_model
    )
    parts = [
        Session.objects.aggregate(latest=Max("updated_at"), n=Count("pk")),
        Conference.objects.aggregate(latest=Max("updated_at"), n=Count("pk")),
        person_model.objects.aggregate(latest=Max("updated_at"), n=Count("pk")),
        Organisation.objects.aggregate(latest=Max("updated_at"), n=Count("pk")),
    ]
    return "|".join(f"{part['latest']}/{part['n']}" for part in parts)
