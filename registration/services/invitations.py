"""Invitations: created by staff, sent with a fresh link, withdrawn or declined."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Conference
from events.tokens import new_token
from registration.models import Invitation, Registration, SideEventWait
from registration.selectors import changes_closed
from registration.services import RegistrationError
from registration.services.locking import lock_conference, require_conference_locked
from registration.services.mail import queue_email
from registration.services.places import offer_free_places
from registration.services.rules import invitation_expiry, settings_for
from registration.services.seats import fill_seats, release


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
        expires_at=invitation_expiry(conference),
    )
    return invitation, token


@transaction.atomic
def send_invitation(invitation: Invitation) -> None:
    """Queue the invitation e-mail; sending issues a fresh link and extends expiry."""
    if invitation.status in {Invitation.Status.REVOKED, Invitation.Status.DECLINED}:
        raise RegistrationError(_("A revoked or declined invitation is not sent."))
    invitation.expires_at = invitation_expiry(invitation.conference)
    invitation.save(update_fields=["expires_at", "updated_at"])
    queue_email("invitation", invitation.pk)


@transaction.atomic
def revoke_invitation(invitation: Invitation) -> None:
    """Withdraw an invitation and every registration made with it."""
    lock_conference(invitation.conference)
    invitation.status = Invitation.Status.REVOKED
    invitation.save(update_fields=["status", "updated_at"])
    cancel_all_of(invitation)


def mark_opened(invitation: Invitation) -> None:
    """Note the first visit of the link, which staff see as "opened"."""
    if invitation.status in {Invitation.Status.CREATED, Invitation.Status.SENT}:
        invitation.status = Invitation.Status.OPENED
        invitation.opened_at = timezone.now()
        invitation.save(update_fields=["status", "opened_at", "updated_at"])


@transaction.atomic
def decline_invitation(invitation: Invitation) -> None:
    """The invitee says no: the invitation and its registrations end."""
    rules = settings_for(invitation.conference)
    if changes_closed(rules):
        raise RegistrationError(_("The deadline for changes has passed."))
    lock_conference(invitation.conference)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation.status = Invitation.Status.DECLINED
    invitation.save(update_fields=["status", "updated_at"])
    cancel_all_of(invitation)


def cancel_all_of(invitation: Invitation) -> None:
    """Cancel the invitation's registrations and pass their places and seats on.

    Needs the conference locked.
    """
    require_conference_locked(invitation.conference_id)
    active = list(
        invitation.registrations.exclude(status=Registration.Status.CANCELLED)
    )
    holders = [
        registration
        for registration in active
        if registration.is_in_person
        and registration.status in Registration.PLACE_HOLDING
    ]
    seats = release(holders)
    SideEventWait.objects.filter(registration__in=active).delete()
    for registration in active:
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
    if holders:
        fill_seats(invitation.conference, seats)
        offer_free_places(invitation.conference)
