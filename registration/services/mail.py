"""Queueing the e-mails of registration through the outbox, sent after the commit."""

from outbox.models import Email
from outbox.sending import queue
from registration.emails import model_of
from registration.models import Registration


def queue_email(kind: str, pk: int, **extra: int) -> Email:
    """Write the e-mail (an outbox record and its job) in the current transaction.

    It is about the invitation, registration or sign-up ``pk``, so staff see it on
    that object's page, with its conference, recipient and language known before
    the first attempt. ``extra`` goes to the builder (``session`` of a seat).
    """
    about = model_of(kind).objects.filter(pk=pk).first()
    conference_id = getattr(about, "conference_id", None)
    if conference_id is None and getattr(about, "session_id", None):
        conference_id = about.session.conference_id
    return queue(
        app="registration",
        kind=kind,
        about=about,
        conference_id=conference_id,
        recipient=getattr(about, "email", ""),
        language=getattr(about, "language", ""),
        extra=extra,
    )


def email_kind_for(registration: Registration) -> str:
    """The e-mail that tells the person the registration's status."""
    return {
        Registration.Status.CONFIRMED: "confirmation",
        Registration.Status.PENDING: "pending",
        Registration.Status.WAITLISTED: "waitlisted",
        Registration.Status.OFFERED: "offer",
        Registration.Status.CANCELLED: "cancelled",
    }[registration.status]
