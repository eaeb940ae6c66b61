"""Reads of registration data, with their joins in one place."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from events.models import Conference, Session
from registration.models import Invitation, Registration, SideEventWait


def registrations_of(invitation: Invitation) -> QuerySet[Registration]:
    """The invitee's registrations, with side events and waiting-list positions."""
    return (
        invitation.registrations.exclude(status=Registration.Status.CANCELLED)
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("start")),
            Prefetch(
                "side_event_waits",
                queryset=SideEventWait.objects.with_position()
                .select_related("session")
                .order_by("session__start", "session__title"),
            ),
        )
        .order_by("created_at", "id")
    )


def seats_taken(conference: Conference) -> int:
    return Registration.objects.filter(conference=conference).holding_place().count()


def registrations_for_export(conference: Conference) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(conference=conference)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("invitation")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("start")),
            WAITS_FOR_EXPORT,
        )
        .order_by("family_name", "given_name", "id")
    )


WAITS_FOR_EXPORT = Prefetch(
    "side_event_waits",
    queryset=SideEventWait.objects.select_related("session").order_by(
        "session__start", "session__title"
    ),
)


@dataclass
class Attendance:
    label: str
    expected: int
    arrived: int
    waiting: int | None = None


def attendance_figures(conference: Conference) -> list[Attendance]:
    """Arrived against expected, for the whole conference and each side event.

    Side events also say how many people are on their waiting lists.
    """
    confirmed = Registration.objects.filter(
        conference=conference,
        attendance=Registration.Attendance.IN_PERSON,
        status=Registration.Status.CONFIRMED,
    )
    overall = confirmed.aggregate(
        expected=Count("id"), arrived=Count("id", filter=Q(checked_in_at__isnull=False))
    )
    figures = [Attendance(str(conference), overall["expected"], overall["arrived"])]
    sessions = (
        Session.objects.filter(conference=conference)
        .annotate(
            expected=Count(
                "registrations",
                filter=Q(registrations__in=confirmed),
                distinct=True,
            ),
            arrived=Count(
                "checkins__registration",
                filter=Q(checkins__registration__in=confirmed),
                distinct=True,
            ),
            waiting=Count("side_event_waits", distinct=True),
        )
        .filter(Q(expected__gt=0) | Q(waiting__gt=0))
        .order_by("start", "title")
    )
    figures += [
        Attendance(session.title, session.expected, session.arrived, session.waiting)
        for session in sessions
    ]
    return figures


def find_people(conference: Conference, query: str) -> QuerySet[Registration]:
    """Registrations whose name, organisation or delegation matches, for the door."""
    query = query.strip()
    if len(query) < 2:
        return Registration.objects.none()
    return (
        Registration.objects.filter(
            conference=conference, attendance=Registration.Attendance.IN_PERSON
        )
        .filter(
            Q(given_name__icontains=query)
            | Q(family_name__icontains=query)
            | Q(organisation__icontains=query)
            | Q(delegation__icontains=query)
        )
        .select_related("invitation")
        .order_by("family_name", "given_name")[:30]
    )


def checkin_sessions(conference: Conference) -> list[Session]:
    return list(
        conference.sessions.filter(registrations__isnull=False)
        .distinct()
        .order_by("start", "title")
    )
