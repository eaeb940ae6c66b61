"""Rules of invitations and registrations that every path (web, admin, commands) obeys.

Every write that can change who holds an in-person place runs in one transaction that
first locks the Conference row (then the side-event Session rows it touches, by pk,
then registrations), so that invitees who submit at the same moment queue up behind
each other and capacity is never exceeded.

A side event whose room is full has a waiting list of its own (SideEventWait): a
registration that holds a conference place and chooses a full side event queues for
it, and whenever a seat may have become free the earliest entries get it at once,
in the same locked transaction (`_fill_seats`), with an e-mail saying so.
E-mails are queued as task rows in the same transaction: they go out only if it
commits, and they survive a mail server that is down.
"""

import datetime as dt
import hmac
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import reversion
from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from events.models import Conference, Session
from registration.models import (
    CheckIn,
    Invitation,
    OnlineSignup,
    Registration,
    RegistrationSettings,
    SideEventWait,
    hash_token,
)

logger = logging.getLogger(__name__)

FALLBACK_SITE_URL = "http://127.0.0.1:8000"


class RegistrationError(Exception):
    """A rule stopped the action; the message is meant for the person acting."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# Tokens and links


def new_token() -> tuple[str, str]:
    """Return a fresh token (256 random bits) and the hash that is stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def absolute_url(path: str) -> str:
    return urljoin((settings.SITE_URL or FALLBACK_SITE_URL).rstrip("/") + "/", path)


def invitation_url(token: str, language: str = "en") -> str:
    from django.utils import translation

    with translation.override(language):
        path = reverse("registration:invitation", kwargs={"token": token})
    return absolute_url(path)


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
    if invitation is None or not hmac.compare_digest(invitation.token_hash, digest):
        return None
    return invitation


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


# Settings and capacity


def settings_for(conference: Conference) -> RegistrationSettings:
    registration_settings, _created = RegistrationSettings.objects.get_or_create(
        conference=conference
    )
    return registration_settings


def capacity_of(conference: Conference, rules: RegistrationSettings) -> int | None:
    if rules.in_person_capacity is not None:
        return rules.in_person_capacity
    return conference.in_person_capacity


def changes_closed(rules: RegistrationSettings) -> bool:
    return rules.deadline is not None and timezone.now() > rules.deadline


def lock_conference(conference: Conference) -> Conference:
    """Lock the conference row: the queue every place-changing write waits in."""
    return Conference.objects.select_for_update().get(pk=conference.pk)


def _lock_conference_with_rules(
    conference: Conference,
) -> tuple[Conference, RegistrationSettings]:
    """Lock the conference row and read its registration rules in the same query."""
    locked = (
        Conference.objects.select_for_update(of=("self",))
        .select_related("registration_settings")
        .get(pk=conference.pk)
    )
    try:
        return locked, locked.registration_settings
    except RegistrationSettings.DoesNotExist:
        return locked, settings_for(locked)


def _free_places(conference: Conference, rules: RegistrationSettings) -> int | None:
    capacity = capacity_of(conference, rules)
    if capacity is None:
        return None
    taken = Registration.objects.filter(conference=conference).holding_place().count()
    return max(capacity - taken, 0)


def _lock_sessions(ids: Iterable[int]) -> list[Session]:
    """Lock side-event rows in pk order: the second queue, after the conference."""
    ids = sorted(set(ids))
    if not ids:
        return []
    return list(
        Session.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("room")
        .order_by("pk")
    )


def _seats_taken(
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


def _room_capacity(session: Session) -> int | None:
    return session.room.capacity if session.room else None


def _full_sessions(
    sessions: list[Session], exclude: Registration | None = None
) -> list[Session]:
    """Lock the chosen sessions and return those whose room has no seat left."""
    if not sessions:
        return []
    locked = _lock_sessions(session.pk for session in sessions)
    taken = _seats_taken([session.pk for session in locked], exclude=exclude)
    return [
        session
        for session in locked
        if _room_capacity(session) is not None
        and taken[session.pk] >= _room_capacity(session)
    ]


def _seat_or_wait(registration: Registration, sessions: list[Session]) -> list[Session]:
    """Seat a place holder in the side events with room; queue it for the full ones.

    Return the side events it now waits for. Call with the conference locked.
    """
    full = _full_sessions(sessions, exclude=registration)
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


def _release(registrations: Iterable[Registration]) -> set[int]:
    """Forget the queue entries of registrations leaving their place.

    Return the side events whose seats they held, to be passed on (`_fill_seats`).
    """
    pks = [registration.pk for registration in registrations]
    if not pks:
        return set()
    SideEventWait.objects.filter(registration__in=pks).delete()
    return set(
        Session.objects.filter(registrations__in=pks).values_list("pk", flat=True)
    )


def _fill_seats(session_ids: Iterable[int]) -> list[SideEventWait]:
    """Give the free seats of these side events to the earliest people waiting.

    They asked for the seat, so there is nothing to accept: the side event joins
    their registration and an e-mail tells them. Call with the conference locked.
    """
    sessions = _lock_sessions(session_ids)
    if not sessions:
        return []
    holders = Registration.objects.holding_place()
    SideEventWait.objects.filter(session__in=sessions).exclude(
        registration__in=holders.values("pk")
    ).delete()
    taken = _seats_taken([session.pk for session in sessions])
    promoted: list[SideEventWait] = []
    for session in sessions:
        capacity = _room_capacity(session)
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


# E-mail


def queue_email(kind: str, pk: int, **extra: int) -> None:
    """Write the e-mail job in the current transaction; the worker sends it later."""
    from registration.tasks import send_registration_email

    send_registration_email.enqueue(kind, pk, **extra)


# Invitations


def create_invitation(
    *,
    conference: Conference,
    name: str,
    email: str,
    organisation: str = "",
    delegation: str = "",
    category: str = Invitation.Category.OTHER,
    position: str = "",
    language: str = "en",
    seats: int = 1,
) -> tuple[Invitation, str]:
    """Create an invitation and return it with its token, which is stored nowhere."""
    rules = settings_for(conference)
    token, digest = new_token()
    invitation = Invitation.objects.create(
        conference=conference,
        name=name,
        email=email,
        organisation=organisation,
        delegation=delegation,
        category=category or Invitation.Category.OTHER,
        position=position,
        language=language or "en",
        seats=seats or 1,
        token_hash=digest,
        expires_at=timezone.now() + dt.timedelta(days=rules.invitation_days),
    )
    return invitation, token


def issue_token(invitation: Invitation) -> str:
    """Give the invitation a new link; the old one stops working."""
    token, digest = new_token()
    invitation.token_hash = digest
    invitation.save(update_fields=["token_hash", "updated_at"])
    return token


@transaction.atomic
def send_invitation(invitation: Invitation) -> None:
    """Queue the invitation e-mail; sending issues a fresh link and extends expiry."""
    if invitation.status in {Invitation.Status.REVOKED, Invitation.Status.DECLINED}:
        raise RegistrationError(_("A revoked or declined invitation is not sent."))
    rules = settings_for(invitation.conference)
    invitation.expires_at = timezone.now() + dt.timedelta(days=rules.invitation_days)
    invitation.save(update_fields=["expires_at", "updated_at"])
    queue_email("invitation", invitation.pk)


@transaction.atomic
def revoke_invitation(invitation: Invitation) -> None:
    """Withdraw an invitation and every registration made with it."""
    lock_conference(invitation.conference)
    invitation.status = Invitation.Status.REVOKED
    invitation.save(update_fields=["status", "updated_at"])
    _cancel_all_of(invitation)


def mark_opened(invitation: Invitation) -> None:
    if invitation.status in {Invitation.Status.CREATED, Invitation.Status.SENT}:
        invitation.status = Invitation.Status.OPENED
        invitation.opened_at = timezone.now()
        invitation.save(update_fields=["status", "opened_at", "updated_at"])


@transaction.atomic
def decline_invitation(invitation: Invitation) -> None:
    rules = settings_for(invitation.conference)
    if changes_closed(rules):
        raise RegistrationError(_("The deadline for changes has passed."))
    lock_conference(invitation.conference)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation.status = Invitation.Status.DECLINED
    invitation.save(update_fields=["status", "updated_at"])
    _cancel_all_of(invitation)


def _cancel_all_of(invitation: Invitation) -> None:
    """Cancel the invitation's registrations and pass their places and seats on."""
    active = list(
        invitation.registrations.exclude(status=Registration.Status.CANCELLED)
    )
    holders = [
        registration
        for registration in active
        if registration.is_in_person
        and registration.status in Registration.PLACE_HOLDING
    ]
    seats = _release(holders)
    SideEventWait.objects.filter(registration__in=active).delete()
    for registration in active:
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
    if holders:
        _fill_seats(seats)
        offer_free_places(invitation.conference)


# Registrations


@dataclass
class RegistrationData:
    given_name: str
    family_name: str
    email: str
    consent: bool
    honorific: str = ""
    position: str = ""
    organisation: str = ""
    delegation: str = ""
    language: str = "en"
    attendance: str = Registration.Attendance.IN_PERSON
    sessions: list[Session] = field(default_factory=list)
    interpretation: str = ""
    accessibility_needs: str = ""
    dietary_needs: str = ""


PERSONAL_FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "position",
    "organisation",
    "delegation",
    "email",
    "language",
    "attendance",
    "interpretation",
    "accessibility_needs",
    "dietary_needs",
)


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


def register(
    *, invitation: Invitation, data: RegistrationData, submission_key: str
) -> Registration:
    """Register one person through an invitation; a repeated submission is a no-op.

    Every registration of a conference queues for the conference lock, so only the
    capacity decision and its writes run under it. The invitee's audit copy is
    written just after the commit; staff and commands already have a revision open,
    which the registration joins.
    """
    if not data.consent:
        raise RegistrationError(
            _("Consent to the processing of personal data is required."),
            field="consent",
        )
    with transaction.atomic():
        registration, created = _register_locked(invitation, data, submission_key)
    if created and not reversion.is_active():
        _record_revision(registration, "Registered through the invitation link")
    return registration


def _register_locked(
    invitation: Invitation, data: RegistrationData, submission_key: str
) -> tuple[Registration, bool]:
    conference, rules = _lock_conference_with_rules(invitation.conference)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    earlier = list(invitation.registrations.all())
    for existing in earlier:
        if existing.submission_key == submission_key:
            return existing, False
    problem = invitation_problem(invitation)
    if problem:
        raise RegistrationError(problem)
    if changes_closed(rules):
        raise RegistrationError(_("Registration has closed."))
    active = [r for r in earlier if r.status != Registration.Status.CANCELLED]
    if len(active) >= invitation.seats:
        raise RegistrationError(
            _("All places of this invitation are already registered.")
        )
    registration = Registration(
        conference=conference,
        invitation=invitation,
        submission_key=submission_key,
        consent_at=timezone.now(),
        **{name: getattr(data, name) for name in PERSONAL_FIELDS},
    )
    sessions = data.sessions if registration.is_in_person else []
    if registration.is_in_person:
        free = _free_places(conference, rules)
        if free is not None and free <= 0:
            registration.status = Registration.Status.WAITLISTED
        else:
            registration.status = (
                Registration.Status.PENDING
                if rules.requires_approval
                else Registration.Status.CONFIRMED
            )
    else:
        registration.status = Registration.Status.CONFIRMED
    registration.save()
    if registration.status in Registration.PLACE_HOLDING and registration.is_in_person:
        # Full side events put the person on their waiting lists, not off the form.
        _seat_or_wait(registration, sessions)
    elif sessions:
        registration.sessions.add(*sessions)
    invitation.status = Invitation.Status.REGISTERED
    invitation.save(update_fields=["status", "updated_at"])
    queue_email(_email_kind_for(registration), registration.pk)
    return registration, True


def _record_revision(registration: Registration, comment: str) -> None:
    """Keep the audit copy of a registration; if that fails, the registration stays."""
    try:
        with reversion.create_revision():
            reversion.set_comment(comment)
            reversion.add_to_revision(registration)
    except DatabaseError:
        logger.exception("Audit copy of registration %s not written", registration.pk)


def _email_kind_for(registration: Registration) -> str:
    return {
        Registration.Status.CONFIRMED: "confirmation",
        Registration.Status.PENDING: "pending",
        Registration.Status.WAITLISTED: "waitlisted",
        Registration.Status.OFFERED: "offer",
        Registration.Status.CANCELLED: "cancelled",
    }[registration.status]


@transaction.atomic
def change_registration(registration: Registration, data: RegistrationData) -> None:
    """Apply an invitee's changes, keeping places and rooms within capacity.

    A newly chosen full side event puts the person on its waiting list; a side
    event given up frees its seat (or queue entry) for the next person waiting.
    """
    rules = settings_for(registration.conference)
    if changes_closed(rules):
        raise RegistrationError(_("The deadline for changes has passed."))
    conference = lock_conference(registration.conference)
    _lock_sessions(
        [
            *registration.sessions.values_list("pk", flat=True),
            *registration.side_event_waits.values_list("session_id", flat=True),
            *(session.pk for session in data.sessions),
        ]
    )
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise RegistrationError(_("This registration has been cancelled."))
    held_place = (
        registration.is_in_person and registration.status in Registration.PLACE_HOLDING
    )
    for name in PERSONAL_FIELDS:
        setattr(registration, name, getattr(data, name))
    sessions = data.sessions if registration.is_in_person else []
    joins_now = registration.is_in_person and not held_place
    if joins_now and registration.status != Registration.Status.WAITLISTED:
        free = _free_places(conference, rules)
        if free is not None and free <= 0:
            registration.status = Registration.Status.WAITLISTED
        elif rules.requires_approval:
            registration.status = Registration.Status.PENDING
    holds_place_now = (
        registration.is_in_person and registration.status in Registration.PLACE_HOLDING
    )
    if not registration.is_in_person:
        registration.status = Registration.Status.CONFIRMED
    registration.save()
    old = set(registration.sessions.values_list("pk", flat=True))
    chosen = {session.pk for session in sessions}
    waits = registration.side_event_waits.all()
    if holds_place_now:
        waits.exclude(session__in=chosen).delete()
        waiting = set(waits.values_list("session_id", flat=True))
        registration.sessions.remove(*(old - chosen))
        _seat_or_wait(
            registration,
            [s for s in sessions if s.pk not in old and s.pk not in waiting],
        )
        freed = old - chosen if held_place else set()
    else:
        waits.delete()
        registration.sessions.set(sessions)
        freed = old if held_place else set()
    queue_email("changed", registration.pk)
    _fill_seats(freed)
    if held_place and not holds_place_now:
        offer_free_places(conference)


@transaction.atomic
def cancel_registration(registration: Registration, *, by_staff: bool = False) -> None:
    """Cancel, free the place and offer it to the next person on the waiting list.

    The side-event seats it held go to the earliest people on those waiting lists.
    """
    rules = settings_for(registration.conference)
    if changes_closed(rules) and not by_staff:
        raise RegistrationError(_("The deadline for changes has passed."))
    conference = lock_conference(registration.conference)
    _lock_sessions(registration.sessions.values_list("pk", flat=True))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return
    held_place = (
        registration.is_in_person and registration.status in Registration.PLACE_HOLDING
    )
    seats = _release([registration]) if held_place else set()
    SideEventWait.objects.filter(registration=registration).delete()
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    queue_email("cancelled", registration.pk)
    if held_place:
        _fill_seats(seats)
        offer_free_places(conference)


def expire_offers(conference: Conference) -> int:
    """Withdraw offers not accepted in time; call inside a locked transaction.

    The side-event seats those offers held go to the people waiting for them.
    """
    expired = list(
        Registration.objects.filter(
            conference=conference,
            status=Registration.Status.OFFERED,
            offer_expires_at__lt=timezone.now(),
        )
    )
    if not expired:
        return 0
    seats = _release(expired)
    _lock_sessions(seats)
    count = Registration.objects.filter(
        pk__in=[registration.pk for registration in expired]
    ).update(status=Registration.Status.CANCELLED, updated_at=timezone.now())
    _fill_seats(seats)
    return count


def offer_free_places(conference: Conference) -> list[Registration]:
    """Offer each free place to the earliest person waiting; needs the lock held."""
    expire_offers(conference)
    rules = settings_for(conference)
    free = _free_places(conference, rules)
    waiting = Registration.objects.filter(
        conference=conference,
        attendance=Registration.Attendance.IN_PERSON,
        status=Registration.Status.WAITLISTED,
    ).order_by("created_at", "id")
    if free is not None:
        waiting = waiting[:free]
    offered = list(waiting)
    for registration in offered:
        _make_offer(registration, rules)
    return offered


def _make_offer(registration: Registration, rules: RegistrationSettings) -> None:
    registration.status = Registration.Status.OFFERED
    registration.offer_expires_at = timezone.now() + dt.timedelta(
        hours=rules.offer_hours
    )
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    # An offer holds a place, and so seats: a full side event it chose is queued for.
    _seat_or_wait(registration, list(registration.sessions.all()))
    queue_email("offer", registration.pk)


@transaction.atomic
def expire_all_offers() -> int:
    """Withdraw late offers of every conference and pass the places on."""
    count = 0
    conference_ids = (
        Registration.objects.filter(
            status=Registration.Status.OFFERED, offer_expires_at__lt=timezone.now()
        )
        .values_list("conference_id", flat=True)
        .distinct()
    )
    for conference in Conference.objects.filter(pk__in=list(conference_ids)):
        lock_conference(conference)
        count += expire_offers(conference)
        offer_free_places(conference)
    return count


@transaction.atomic
def accept_offer(registration: Registration) -> list[Session]:
    """Take an offered place; full side events go on their waiting lists.

    Return the side events the person now waits for.
    """
    conference = lock_conference(registration.conference)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.OFFERED:
        raise RegistrationError(_("No place is on offer for this registration."))
    if registration.offer_expires_at and registration.offer_expires_at < timezone.now():
        expire_offers(conference)
        offer_free_places(conference)
        raise RegistrationError(_("The time to accept this offer has passed."))
    _seat_or_wait(registration, list(registration.sessions.all()))
    rules = settings_for(conference)
    registration.status = (
        Registration.Status.PENDING
        if rules.requires_approval
        else Registration.Status.CONFIRMED
    )
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    queue_email(_email_kind_for(registration), registration.pk)
    return waiting_sessions(registration)


@transaction.atomic
def approve_registration(registration: Registration) -> bool:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.PENDING:
        return False
    registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["status", "updated_at"])
    queue_email("confirmation", registration.pk)
    return True


@transaction.atomic
def move_from_waiting_list(registration: Registration) -> bool:
    """Offer a place to this person now, if one is free."""
    conference = lock_conference(registration.conference)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.WAITLISTED:
        return False
    rules = settings_for(conference)
    free = _free_places(conference, rules)
    if free is not None and free <= 0:
        raise RegistrationError(_("No place is free."))
    _make_offer(registration, rules)
    return True


@transaction.atomic
def delete_registrations(registrations: Iterable[Registration]) -> int:
    """Delete registrations (staff in the admin), passing places and seats on.

    Without this a deleted registration's seat would stay empty while people wait.
    """
    count = 0
    for registration in registrations:
        conference = lock_conference(registration.conference)
        _lock_sessions(registration.sessions.values_list("pk", flat=True))
        locked = (
            Registration.objects.select_for_update().filter(pk=registration.pk).first()
        )
        if locked is None:
            continue
        held_place = locked.is_in_person and locked.status in Registration.PLACE_HOLDING
        seats = _release([locked]) if held_place else set()
        locked.delete()
        count += 1
        if held_place:
            _fill_seats(seats)
            offer_free_places(conference)
    return count


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
        promoted += _fill_seats(
            SideEventWait.objects.filter(session__conference=locked).values_list(
                "session_id", flat=True
            )
        )
    return promoted


# Online sign-up


@transaction.atomic
def sign_up_online(
    *,
    session: Session,
    name: str,
    email: str,
    organisation: str,
    language: str,
    consent: bool,
) -> OnlineSignup:
    """Record the sign-up (once per address) and queue the e-mail with the link."""
    if not consent:
        raise RegistrationError(
            _("Consent to the processing of personal data is required."),
            field="consent",
        )
    signup, _created = OnlineSignup.objects.update_or_create(
        session=session,
        email=email.lower(),
        defaults={
            "name": name,
            "organisation": organisation,
            "language": language,
            "consent_at": timezone.now(),
        },
    )
    queue_email("online_link", signup.pk)
    return signup


# Check-in


@dataclass
class CheckInResult:
    ok: bool
    message: str
    registration: Registration | None = None
    repeated: bool = False


@transaction.atomic
def check_in(
    *,
    conference: Conference,
    code: str,
    session: Session | None = None,
    by: str = "",
) -> CheckInResult:
    """Record an arrival; refuse unknown or cancelled codes and flag a second scan."""
    code = code.strip()
    registration = (
        Registration.objects.select_for_update()
        .filter(conference=conference, checkin_code=code)
        .first()
        if code
        else None
    )
    if registration is None:
        return CheckInResult(False, _("Unknown code: no such registration."))
    if registration.invitation.status == Invitation.Status.REVOKED:
        return CheckInResult(False, _("Refused: invitation revoked."), registration)
    if registration.status == Registration.Status.CANCELLED:
        return CheckInResult(False, _("Refused: registration cancelled."), registration)
    if not registration.is_in_person or registration.status not in {
        Registration.Status.CONFIRMED
    }:
        return CheckInResult(
            False,
            _("Refused: no confirmed in-person place (%(status)s).")
            % {"status": registration.get_status_display()},
            registration,
        )
    if session is not None and not registration.sessions.filter(pk=session.pk).exists():
        return CheckInResult(
            False, _("Refused: not registered for this side event."), registration
        )
    repeated = registration.checkins.filter(session=session).exists()
    CheckIn.objects.create(
        registration=registration, session=session, scanned_by=by, repeated=repeated
    )
    if session is None and registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at", "updated_at"])
    if repeated:
        return CheckInResult(
            True, _("Already checked in: second scan."), registration, repeated=True
        )
    return CheckInResult(True, _("Welcome: arrival recorded."), registration)


# Privacy


def personal_data_of(email: str) -> dict:
    """Everything held about one person, for a subject access request."""
    email = email.strip()
    invitations = Invitation.objects.filter(email__iexact=email).select_related(
        "conference"
    )
    registrations = (
        Registration.objects.filter(email__iexact=email)
        .select_related("conference")
        .prefetch_related("sessions", "checkins", "side_event_waits__session")
    )
    signups = OnlineSignup.objects.filter(email__iexact=email).select_related("session")
    return {
        "email": email,
        "invitations": [
            {
                "conference": invitation.conference.slug,
                "name": invitation.name,
                "email": invitation.email,
                "organisation": invitation.organisation,
                "delegation": invitation.delegation,
                "category": invitation.category,
                "position": invitation.position,
                "language": invitation.language,
                "status": invitation.current_status,
                "created_at": invitation.created_at.isoformat(),
            }
            for invitation in invitations
        ],
        "registrations": [
            {
                "conference": registration.conference.slug,
                **{name: getattr(registration, name) for name in PERSONAL_FIELDS},
                "status": registration.status,
                "sessions": [session.title for session in registration.sessions.all()],
                "side_event_waiting_lists": [
                    wait.session.title for wait in registration.side_event_waits.all()
                ],
                "consent_at": registration.consent_at.isoformat(),
                "created_at": registration.created_at.isoformat(),
                "checked_in_at": registration.checked_in_at.isoformat()
                if registration.checked_in_at
                else None,
                "checkins": [
                    checkin.scanned_at.isoformat()
                    for checkin in registration.checkins.all()
                ],
            }
            for registration in registrations
        ],
        "online_signups": [
            {
                "session": signup.session.title,
                "name": signup.name,
                "organisation": signup.organisation,
                "created_at": signup.created_at.isoformat(),
            }
            for signup in signups
        ],
    }


@transaction.atomic
def erase_person(email: str) -> int:
    """Delete everything held about one person; return how many records went."""
    email = email.strip()
    count = 0
    # Cancelling passes seats on and deletes queue entries: forget their copies first.
    waits = SideEventWait.objects.filter(registration__email__iexact=email)
    forget_history(SideEventWait, waits.values_list("pk", flat=True))
    for registration in Registration.objects.filter(email__iexact=email):
        if registration.status in Registration.PLACE_HOLDING:
            cancel_registration(registration, by_staff=True)
    registrations = Registration.objects.filter(email__iexact=email)
    invitations = Invitation.objects.filter(email__iexact=email)
    signups = OnlineSignup.objects.filter(email__iexact=email)
    forget_history(Registration, registrations.values_list("pk", flat=True))
    forget_history(
        CheckIn,
        CheckIn.objects.filter(registration__in=registrations).values_list(
            "pk", flat=True
        ),
    )
    forget_history(Invitation, invitations.values_list("pk", flat=True))
    forget_history(OnlineSignup, signups.values_list("pk", flat=True))
    count += registrations.delete()[0]
    count += invitations.delete()[0]
    count += signups.delete()[0]
    return count


def forget_history(model: type, pks: Iterable[int]) -> None:
    """Delete the stored copies of these objects (django-reversion) as well.

    The history keeps a full copy of every version; personal data that is erased or
    anonymised must not live on there.
    """
    Version.objects.get_for_model(model).filter(
        object_id__in=[str(pk) for pk in pks]
    ).delete()


ANONYMOUS = "anonymised"


@transaction.atomic
def anonymise_registrations(*, days: int) -> int:
    """Strip names and needs from registrations of conferences ended `days` ago."""
    cutoff = timezone.localdate() - dt.timedelta(days=days)
    registrations = Registration.objects.filter(
        conference__end_date__lt=cutoff, anonymised_at__isnull=True
    )
    now = timezone.now()
    count = 0
    for registration in registrations:
        registration.honorific = ""
        registration.given_name = ANONYMOUS
        registration.family_name = ANONYMOUS
        registration.position = ""
        registration.email = f"{ANONYMOUS}-{registration.pk}@invalid"
        registration.accessibility_needs = ""
        registration.dietary_needs = ""
        registration.anonymised_at = now
        registration.save()
        forget_history(Registration, [registration.pk])
        count += 1
    # A waiting list of a past side event says who wanted to be there: not kept.
    waits = SideEventWait.objects.filter(registration__conference__end_date__lt=cutoff)
    forget_history(SideEventWait, waits.values_list("pk", flat=True))
    waits.delete()
    invitations = Invitation.objects.filter(
        conference__end_date__lt=cutoff,
    ).exclude(name=ANONYMOUS)
    forget_history(Invitation, invitations.values_list("pk", flat=True))
    invitations.update(name=ANONYMOUS, email="anonymised@invalid", position="")
    signups = OnlineSignup.objects.filter(session__conference__end_date__lt=cutoff)
    forget_history(OnlineSignup, signups.values_list("pk", flat=True))
    signups.delete()
    return count
