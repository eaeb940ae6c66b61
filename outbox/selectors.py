"""Reads of the outbox: what staff must look at."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from events.now import now
from outbox.models import Email

# A due e-mail still waiting after this long: no worker is taking the jobs (it is
# not running, or one died in the middle of a message and its job was lost).
OVERDUE_AFTER = dt.timedelta(minutes=15)


@dataclass
class Trouble:
    failing: int
    given_up: int
    overdue: int = 0

    def __bool__(self) -> bool:
        return bool(self.failing or self.given_up or self.overdue)


def trouble(conference_id: int | None = None) -> Trouble:
    """E-mails failing, given up and overdue (of one conference, or all): one query.

    Overdue: queued or failing, due for longer than ``OVERDUE_AFTER``, which no
    retry explains, so staff are told that the worker does not take them.
    """
    emails = Email.objects.filter(
        state__in=[Email.State.QUEUED, Email.State.FAILING, Email.State.GIVEN_UP]
    )
    if conference_id is not None:
        emails = emails.filter(conference_id=conference_id)
    counts = emails.aggregate(
        failing=Count("id", filter=Q(state=Email.State.FAILING)),
        given_up=Count("id", filter=Q(state=Email.State.GIVEN_UP)),
        overdue=Count(
            "id",
            filter=Q(
                state__in=[Email.State.QUEUED, Email.State.FAILING],
                next_attempt_at__lt=now() - OVERDUE_AFTER,
            ),
        ),
    )
    return Trouble(**counts)
