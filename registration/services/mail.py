"""Queueing the e-mails of registration, which the worker sends after the commit."""

from events.site_url import current_origin
from registration.models import Registration
from registration.tasks import send_registration_email


def queue_email(kind: str, pk: int, **extra: int) -> None:
    """Write the e-mail job in the current transaction; the worker sends it later.

    The job carries the request's origin, so its links follow the host and port
    the request came in on where ``SITE_URL`` is unset.
    """
    send_registration_email.enqueue(kind, pk, origin=current_origin(), **extra)


def email_kind_for(registration: Registration) -> str:
    """The e-mail that tells the person the registration's status."""
    return {
        Registration.Status.CONFIRMED: "confirmation",
        Registration.Status.PENDING: "pending",
        Registration.Status.WAITLISTED: "waitlisted",
        Registration.Status.OFFERED: "offer",
        Registration.Status.CANCELLED: "cancelled",
    }[registration.status]
