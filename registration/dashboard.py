"""Reads for the staff dashboard: every figure of one conference on one page.

Each figure is one aggregate query, whatever the number of registrations, side
events or invitations.
"""

from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils import timezone

from events.models import Conference, Session
from outbox.selectors import Trouble, trouble
from registration.models import (
    Invitation,
    OnlineParticipant,
    Registration,
    RegistrationSettings,
)
from registration.selectors import Attendance, attendance_figures, capacity_of


@dataclass
class Places:
    held: int
    capacity: int | None
    waiting: int
    offers_open: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.held, 0)


@dataclass
class SideEventSeats:
    session: Session
    taken: int
    capacity: int | None
    waiting: int


@dataclass
class Dashboard:
    places: Places
    side_events: list[SideEventSeats]
    invitations: list[tuple[str, int]]
    arrivals: list[Attendance]
    online_participants: int
    emails: Trouble


# The invitation statuses staff follow, in the order an invitation goes through.
INVITATION_STATUSES = [
    Invitation.Status.CREATED,
    Invitation.Status.SENT,
    Invitation.Status.OPENED,
    Invitation.Status.REGISTERED,
    Invitation.Status.DECLINED,
    Invitation.Status.EXPIRED,
    Invitation.Status.REVOKED,
]


def place_figures(conference: Conference, rules: RegistrationSettings) -> Places:
    """In-person places held, the capacity, the waiting list and open offers."""
    in_person = Registration.objects.filter(
        conference=conference, attendance=Registration.Attendance.IN_PERSON
    )
    counts = in_person.aggregate(
        held=Count("id", filter=Q(status__in=Registration.PLACE_HOLDING)),
        waiting=Count("id", filter=Q(status=Registration.Status.WAITLISTED)),
        offers=Count("id", filter=Q(status=Registration.Status.OFFERED)),
    )
    return Places(
        held=counts["held"],
        capacity=capacity_of(conference, rules),
        waiting=counts["waiting"],
        offers_open=counts["offers"],
    )


def side_event_figures(conference: Conference) -> list[SideEventSeats]:
    """Seats taken, the room's capacity and the waiting list of each side event."""
    holders = Registration.objects.holding_place().filter(conference=conference)
    sessions = (
        conference.sessions.filter(kind=Session.Kind.SIDE_EVENT)
        .exclude(attendance_mode=Session.AttendanceMode.ONLINE)
        .select_related("room")
        .annotate(
            taken=Count(
                "registrations",
                filter=Q(registrations__in=holders.values("pk")),
                distinct=True,
            ),
            waiting=Count("side_event_waits", distinct=True),
        )
        .order_by("start", "title")
    )
    return [
        SideEventSeats(
            session=session,
            taken=session.taken,
            capacity=session.room.capacity if session.room else None,
            waiting=session.waiting,
        )
        for session in sessions
    ]


def invitation_figures(conference: Conference) -> list[tuple[str, int]]:
    """Invitations by status, an unused link past its expiry counting as expired."""
    still_open = [
        Invitation.Status.CREATED,
        Invitation.Status.SENT,
        Invitation.Status.OPENED,
    ]
    counts = dict(
        Invitation.objects.filter(conference=conference)
        .annotate(
            shown=Case(
                When(
                    status__in=still_open,
                    expires_at__lt=timezone.now(),
                    then=Value(Invitation.Status.EXPIRED.value),
                ),
                default="status",
                output_field=CharField(),
            )
        )
        .order_by()
        .values_list("shown")
        .annotate(count=Count("id"))
        .values_list("shown", "count")
    )
    return [
        (str(status.label), counts.get(status.value, 0))
        for status in INVITATION_STATUSES
    ]


def dashboard_for(conference: Conference, rules: RegistrationSettings) -> Dashboard:
    return Dashboard(
        places=place_figures(conference, rules),
        side_events=side_event_figures(conference),
        invitations=invitation_figures(conference),
        arrivals=attendance_figures(conference),
        online_participants=OnlineParticipant.objects.filter(
            conference=conference
        ).count(),
        emails=trouble(conference.pk),
    )


def conference_is_on(conference: Conference) -> bool:
    """Whether today, in the conference's zone, is one of its days."""
    today = timezone.localtime(timezone.now(), conference.tzinfo).date()
    return conference.start_date <= today <= conference.end_date
