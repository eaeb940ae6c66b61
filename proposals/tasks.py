"""The job of proposers' e-mails before the outbox, kept for jobs queued before it.

A job of this old format still sends: it becomes an outbox record, sent at once
and then retried and shown to staff like any other.
"""

from django.tasks import task

from events.site_url import using_origin
from outbox.sending import attempt
from proposals.emails import queue_email
from proposals.models import Proposal


@task
def send_proposal_email(
    kind: str, pk: int, attempt_number: int = 1, origin: str = ""
) -> str:
    proposal = Proposal.objects.select_related("call").filter(pk=pk).first()
    if proposal is None:
        return "skipped"
    with using_origin(origin):
        email = queue_email(kind, proposal)
    return attempt(email.pk)
