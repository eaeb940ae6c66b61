"""Reads of registration data, with their joins in one place."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from events.models import Conference, Session
from registration.models import Invitation, Registration


def registrations_of(invitation: Invitation) -> QuerySet[Registration]:
    return (
        invitation.registrations.exclude(status=Registration.Status.CANCELLED)
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("start"))
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
            Prefetch("sessions", queryset=Session.objects.order_by("start"))
        )
        .order_by("family_name", "given_name", "id")
    )


@dataclass
class Attendance:
    label: str
    expected: int
    arrived: int


def attendance_figures(conference: Conference) -> list[Attendance]:
    """Arrived against expected, for the whole conference and each side event."""
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
        Session.objects.filter(conference=conference, registrations__in=confirmed)
        .annotate(
            expected=Count("registrations", distinct=True),
            arrived=Count(
                "checkins__registration",
                filter=Q(checkins__registration__in=confirmed),
                distinct=True,
            ),
        )
        .order_by("start", "title")
    )
    figures += [
        Attendance(session.title, session.expected, session.arrived)
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
