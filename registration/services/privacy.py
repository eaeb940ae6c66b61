"""Personal data: what is held about a person, its erasure, and anonymisation.

The history (django-reversion) keeps a full copy of every version, so erasing or
anonymising also deletes the stored copies (`forget_history`).
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from outbox.services import emails_to, forget_recipient, forget_recipients_before
from registration.models import (
    CheckIn,
    Invitation,
    OnlineParticipant,
    Registration,
    SideEventWait,
)
from registration.services.registrations import PERSONAL_FIELDS, cancel_registration


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
    participants = (
        OnlineParticipant.objects.filter(email__iexact=email)
        .select_related("conference")
        .prefetch_related("sessions")
    )
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
        "emails": emails_to(email),
        "online_participation": [
            {
                "conference": participant.conference.slug,
                "name": participant.name,
                "email": participant.email,
                "organisation": participant.organisation,
                "language": participant.language,
                "sessions": [session.title for session in participant.sessions.all()],
                "consent_at": participant.consent_at.isoformat(),
                "created_at": participant.created_at.isoformat(),
            }
            for participant in participants
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
    participants = OnlineParticipant.objects.filter(email__iexact=email)
    forget_history(Registration, registrations.values_list("pk", flat=True))
    forget_history(
        CheckIn,
        CheckIn.objects.filter(registration__in=registrations).values_list(
            "pk", flat=True
        ),
    )
    forget_history(Invitation, invitations.values_list("pk", flat=True))
    forget_history(OnlineParticipant, participants.values_list("pk", flat=True))
    count += registrations.delete()[0]
    count += invitations.delete()[0]
    count += participants.delete()[0]
    forget_recipient(email)  # the e-mails' records too, the cancellation's included
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
    # Online participants of a past conference need nothing more: not kept.
    participants = OnlineParticipant.objects.filter(conference__end_date__lt=cutoff)
    forget_history(OnlineParticipant, participants.values_list("pk", flat=True))
    participants.delete()
    forget_recipients_before(cutoff)
    return count
