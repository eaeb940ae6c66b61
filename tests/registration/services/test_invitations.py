"""Invitations: created with a token stored only as a hash, sent, revoked, declined."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outbox.models import Email
from registration.models import Invitation, Registration
from registration.selectors import find_invitation
from registration.services import RegistrationError
from registration.services.invitations import (
    create_invitation,
    decline_invitation,
    mark_opened,
    revoke_invitation,
    send_invitation,
)
from tests.registration.factories import (
    InvitationFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
)

pytestmark = pytest.mark.django_db


def test_a_created_invitation_is_found_by_its_token_and_expires_by_the_setting():
    rules = RegistrationSettingsFactory(invitation_days=14)

    invitation, token = create_invitation(
        conference=rules.conference, name="Anna Berger", email="anna@example.org"
    )

    assert find_invitation(token) == invitation
    assert token not in invitation.token_hash
    assert (invitation.category, invitation.language, invitation.seats) == (
        Invitation.Category.OTHER,
        "en",
        1,
    )
    left = invitation.expires_at - timezone.now()
    assert dt.timedelta(days=13, hours=23) < left <= dt.timedelta(days=14)


def test_sending_extends_the_expiry_and_queues_the_email():
    rules = RegistrationSettingsFactory(invitation_days=14)
    invitation = InvitationFactory(
        conference=rules.conference, expires_at=timezone.now() + dt.timedelta(days=1)
    )

    send_invitation(invitation)

    invitation.refresh_from_db()
    assert invitation.expires_at - timezone.now() > dt.timedelta(days=13)
    email = Email.objects.get()
    assert (email.kind, email.about, email.recipient) == (
        "invitation",
        invitation,
        invitation.email,
    )
    assert DBTaskResult.objects.get().args_kwargs["args"] == [email.pk]


@pytest.mark.parametrize(
    "status", [Invitation.Status.REVOKED, Invitation.Status.DECLINED]
)
def test_a_revoked_or_declined_invitation_is_not_sent(status):
    invitation = InvitationFactory(status=status)

    with pytest.raises(RegistrationError):
        send_invitation(invitation)

    assert DBTaskResult.objects.count() == 0


def test_revoking_cancels_the_registrations_and_offers_the_place_on():
    rules = RegistrationSettingsFactory(in_person_capacity=1)
    holder = RegistrationFactory(invitation__conference=rules.conference)
    waiting = RegistrationFactory(
        invitation__conference=rules.conference, status=Registration.Status.WAITLISTED
    )

    revoke_invitation(holder.invitation)

    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.invitation.status == Invitation.Status.REVOKED
    assert (holder.status, waiting.status) == (
        Registration.Status.CANCELLED,
        Registration.Status.OFFERED,
    )


def test_opening_a_sent_invitation_marks_it_opened_once():
    invitation = InvitationFactory(status=Invitation.Status.SENT)

    mark_opened(invitation)
    first_opened = invitation.opened_at
    mark_opened(invitation)

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.OPENED
    assert invitation.opened_at == first_opened


def test_declining_after_the_deadline_is_refused():
    rules = RegistrationSettingsFactory(
        deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    invitation = InvitationFactory(conference=rules.conference)

    with pytest.raises(RegistrationError, match="deadline"):
        decline_invitation(invitation)

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.CREATED


def test_declining_cancels_every_registration_of_the_invitation():
    registration = RegistrationFactory()

    decline_invitation(registration.invitation)

    registration.refresh_from_db()
    assert registration.invitation.status == Invitation.Status.DECLINED
    assert registration.status == Registration.Status.CANCELLED
