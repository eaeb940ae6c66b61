"""Reads of registration data, with their joins in one place.

Nothing here writes; the services call these inside their locked transactions.
"""

import datetime as dt
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Conference, Session
from events.tokens import hash_token
from registration.models import (
    Invitation,
    OnlineParticipant,
    PersonalLink,
    Registration,
    RegistrationSettings,
    SideEventWait,
)


def find_invitation(token: str) -> Invitation | None:
    """Look an invitation up by the hash of its token, never by the token itself."""
    if not token or len(token) > 100:
        return None
    digest = hash_token(token)
    invitation = (
        Invitation.objects.select_related("conference")
        .filter(token_hash=digest)
        .first()
    )
    if invitation is not None and hmac.compare_digest(invitation.token_hash, digest):
        return invitation
    # A link sent in a later e-mail (confirmation, change): see personal_links.py.
    link = (
        PersonalLink.objects.select_related("invitation__conference")
        .filter(token_hash=digest)
        .first()
    )
    if link is None or not hmac.compare_digest(link.token_hash, digest):
        return None
    return link.invitation


def existing_invitation(conference: Conference, email: str) -> Invitation | None:
    """The conference's invitation (not revoked) of this address, if any."""
    return (
        Invitation.objects.filter(conference=conference, email__iexact=email.strip())
        .exclude(status=Invitation.Status.REVOKED)
        .first()
    )


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Say why a link cannot be used, without revealing anything about anybody."""
    if invitation is None:
        return _("This link is not valid. Check that you copied all of it.")
    status = invitation.current_status
    if status == Invitation.Status.REVOKED:
        return _("This invitation has been withdrawn.")
    if status == Invitation.Status.EXPIRED:
        return _("This invitation has expired.")
    if status == Invitation.Status.DECLINED:
        return _("This invitation has been declined.")
    return None


def capacity_of(conference: Conference, rules: RegistrationSettings) -> int | None:
    """In-person places: the registration setting, else the conference's own."""
    if rules.in_person_capacity is not None:
        return rules.in_person_capacity
    return conference.in_person_capacity


def registration_closes_at(rules: RegistrationSettings) -> dt.datetime:
    """When registering, changing and cancelling close: the deadline if set, else
    the end of the conference's last day in its own time zone."""
    if rules.deadline is not None:
        return rules.deadline
    conference = rules.conference
    day_after = conference.end_date + dt.timedelta(days=1)
    return dt.datetime.combine(day_after, dt.time.min, tzinfo=conference.tzinfo)


def changes_closed(rules: RegistrationSettings) -> bool:
    """Whether registering, changing and cancelling are over (see above)."""
    return timezone.now() >= registration_closes_at(rules)


def contact_email(rules: RegistrationSettings | None = None) -> str:
    """The secretariat's address: the conference's own, else the site-wide one."""
    if rules is not None and rules.contact_email:
        return rules.contact_email
    return settings.SECRETARIAT_EMAIL


def conference_contact_email(conference: Conference | None) -> str:
    """The secretariat's address for pages and e-mails of one conference."""
    rules = (
        RegistrationSettings.objects.filter(conference=conference).first()
        if conference is not None
        else None
    )
    return contact_email(rules)


def free_places(conference: Conference, rules: RegistrationSettings) -> int | None:
    """In-person places left, or None without a limit; exact only under the lock."""
    capacity = capacity_of(conference, rules)
    if capacity is None:
        return None
    return max(capacity - seats_taken(conference), 0)


def registrable_sessions(conference: Conference) -> QuerySet[Session]:
    """Side events an invitee may choose to attend in person.

    Lazy, so that a submitted form looks up only the side events it names.
    """
    return (
        conference.sessions.filter(is_published=True, kind=Session.Kind.SIDE_EVENT)
        .exclude(attendance_mode=Session.AttendanceMode.ONLINE)
        .select_related("room", "conference")
        .order_by("start", "title")
    )


def side_event_seats_taken(
    ids: Iterable[int], exclude: Registration | None = None
) -> dict[int, int]:
    """How many place holders have a seat in each of these side events."""
    holders = Registration.objects.holding_place()
    if exclude is not None:
        holders = holders.exclude(pk=exclude.pk)
    return dict(
        Session.objects.filter(pk__in=list(ids))
        .annotate(
            taken=Count(
                "registrations", filter=Q(registrations__in=holders.values("pk"))
            )
        )
        .values_list("pk", "taken")
    )


def room_capacity(session: Session) -> int | None:
    """Seats of the side event's room; None when it has no room or no limit."""
    return session.room.capacity if session.room else None


def waiting_sessions(registration: Registration) -> list[Session]:
    """The side events on whose waiting list this registration is, by start."""
    return list(
        Session.objects.filter(side_event_waits__registration=registration).order_by(
            "start", "title"
        )
    )


def waiting_message(registration: Registration) -> str:
    """A sentence naming the side events the person waits for, or ""."""
    waiting = waiting_sessions(registration)
    if not waiting:
        return ""
    return _(
        "These side events are full: you are on their waiting lists: %(titles)s. "
        "If a seat becomes free, it is yours and we will write to you."
    ) % {"titles": "; ".join(session.title for session in waiting)}


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
    """In-person places held (confirmed, pending or offered) at the conference."""
    return Registration.objects.filter(conference=conference).holding_place().count()


def registrations_for_export(conference: Conference) -> QuerySet[Registration]:
    """The conference's registrations with what the export reads, by name."""
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
    """The sessions someone registered for: those the door may check in to."""
    return list(
        conference.sessions.filter(registrations__isnull=False)
        .distinct()
        .order_by("start", "title")
    )


def online_sessions(conference: Conference) -> QuerySet[Session]:
    """The sessions of the conference's online sign-up, in programme order."""
    return (
        Session.objects.published()
        .followed_by_online_signup()
        .filter(conference=conference)
        .select_related("conference")
        .order_by("start", "title")
    )


def online_signup_closes_at(conference: Conference) -> dt.datetime:
    """When the online sign-up closes: the end of the conference's last session.

    Without sessions, the end of its last day (midnight in its own zone).
    """
    last_end = conference.sessions.published().aggregate(last=Max("end"))["last"]
    if last_end is not None:
        return last_end
    day_after = conference.end_date + dt.timedelta(days=1)
    return dt.datetime.combine(day_after, dt.time(), conference.tzinfo)


def sessions_followed_by(participant: OnlineParticipant) -> list[Session]:
    """The sessions a participant follows; none chosen means every online one."""
    chosen = online_sessions(participant.conference).filter(
        pk__in=participant.sessions.values("pk")
    )
    if participant.sessions.exists():
        return list(chosen)
    return list(online_sessions(participant.conference))


def participants_following(session: Session) -> QuerySet[OnlineParticipant]:
    """The online participants who chose this session, or chose none (all)."""
    return (
        OnlineParticipant.objects.filter(conference_id=session.conference_id)
        .filter(Q(sessions=session) | Q(sessions=None))
        .distinct()
        .order_by("pk")
    )
