"""Reads of the outbox: what staff must look at."""

from dataclasses import dataclass

from django.db.models import Count, Q

from outbox.models import Email


@dataclass
class Trouble:
    failing: int
    given_up: int

    def __bool__(self) -> bool:
        return bool(self.failing or self.given_up)


def trouble(conference_id: int | None = None) -> Trouble:
    """E-mails failing and given up (of one conference, or all): one query."""
    emails = Email.objects.filter(state__in=[Email.State.FAILING, Email.State.GIVEN_UP])
    if conference_id is not None:
        emails = emails.filter(conference_id=conference_id)
    counts = emails.aggregate(
        failing=Count("id", filter=Q(state=Email.State.FAILING)),
        given_up=Count("id", filter=Q(state=Email.State.GIVEN_UP)),
    )
    return Trouble(failing=counts["failing"], given_up=counts["given_up"])
