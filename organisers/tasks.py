"""The job of the portal's e-mails before the outbox, kept for jobs queued before it.

A job of this old format still sends: it becomes an outbox record, sent at once
and then retried and shown to staff like any other.
"""

from django.tasks import task

from events.site_url import using_origin
from organisers.emails import queue_email
from organisers.models import OrganiserAccess, PendingEdit, SpeakerConfirmation
from outbox.sending import attempt

MODEL_OF = {
    "organiser_link": OrganiserAccess,
    "edit_waiting": PendingEdit,
    "edit_approved": PendingEdit,
    "edit_returned": PendingEdit,
}


@task
def send_portal_email(
    kind: str, pk: int, attempt_number: int = 1, origin: str = ""
) -> str:
    about = MODEL_OF.get(kind, SpeakerConfirmation).objects.filter(pk=pk).first()
    if about is None:
        return "skipped"
    with using_origin(origin):
        email = queue_email(kind, about)
    return attempt(email.pk)
