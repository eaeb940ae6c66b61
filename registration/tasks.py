"""The job of the e-mail queue before the outbox, kept for jobs queued before it.

A job of this old format still sends: it becomes an outbox record, which is
sent at once and then, if it fails, retried and shown to staff like any other.
"""

from django.tasks import task

from events.site_url import using_origin
from outbox.sending import attempt
from registration.services.mail import queue_email


@task
def send_registration_email(
    kind: str, pk: int, attempt_number: int = 1, origin: str = "", **extra: int
) -> str:
    with using_origin(origin):
        email = queue_email(kind, pk, **extra)
    return attempt(email.pk)
