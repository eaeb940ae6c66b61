"""Speakers confirm themselves: asking them, their answer, and reminders."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from events.models import Organisation
from events.tokens import new_token
from organisers.emails import queue_email
from organisers.models import SpeakerConfirmation
from organisers.services import record_portal_change
from speakers.models import Participation
from speakers.photos import set_photo
from speakers.services import save_participation, save_person

REMINDER_INTERVAL = timedelta(days=3)
MAX_REMINDERS = 3


def ask_to_confirm(
    participation: Participation, *, email: str, language: str = "en"
) -> SpeakerConfirmation:
    """Queue an e-mail with a personal link to confirm or decline."""
    with transaction.atomic():
        confirmation, _created = SpeakerConfirmation.objects.update_or_create(
            participation=participation,
            defaults={"email": email.strip().lower(), "language": language},
            create_defaults={
                "email": email.strip().lower(),
                "language": language,
                "token_hash": new_token()[1],
            },
        )
        queue_email("speaker_request", confirmation)
    return confirmation


def answer(
    confirmation: SpeakerConfirmation,
    *,
    confirmed: bool,
    joins_online: bool,
    bio: str,
    position: str,
    organisation: Organisation | None,
    photo: object = None,
) -> SpeakerConfirmation:
    """Record the speaker's answer; "to be confirmed" goes on confirmation.

    A decline tells the session's organisers and the secretariat, who decide
    whom to invite instead.
    """
    with transaction.atomic():
        participation = Participation.objects.select_for_update().get(
            pk=confirmation.participation_id
        )
        person = participation.person
        person.bio, person.position, person.organisation = bio, position, organisation
        save_person(person)
        if photo is not None:
            set_photo(person, photo)
        participation.joins_online = joins_online
        if confirmed:
            participation.to_be_confirmed = False
        save_participation(participation)
        was = confirmation.status
        confirmation.status = (
            SpeakerConfirmation.Status.CONFIRMED
            if confirmed
            else SpeakerConfirmation.Status.DECLINED
        )
        confirmation.responded_at = timezone.now()
        confirmation.save(update_fields=["status", "responded_at"])
        record_portal_change(confirmation.email, "speaker")
        if not confirmed and was != SpeakerConfirmation.Status.DECLINED:
            queue_email("speaker_declined", confirmation)
    return confirmation


def due_for_reminder() -> QuerySet[SpeakerConfirmation]:
    """Unanswered requests of sessions still to come, not reminded lately."""
    now = timezone.now()
    return SpeakerConfirmation.objects.filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMINDER_INTERVAL),
        status=SpeakerConfirmation.Status.PENDING,
        requested_at__lte=now - REMINDER_INTERVAL,
        reminders_sent__lt=MAX_REMINDERS,
        participation__session__start__gt=now,
    )


def queue_reminders() -> int:
    """Queue a reminder for each speaker who has not answered; return how many."""
    count = 0
    with transaction.atomic():
        for confirmation in due_for_reminder().select_for_update(of=("self",)):
            confirmation.reminded_at = timezone.now()
            confirmation.reminders_sent += 1
            confirmation.save(update_fields=["reminded_at", "reminders_sent"])
            queue_email("speaker_reminder", confirmation)
            count += 1
    return count
