"""Writes of the outbox: queue an e-mail, re-send, and what staff did is recorded."""

import datetime as dt
from collections.abc import Iterable

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from events.now import now
from outbox.models import Email
from outbox.sending import send_email


def resend(emails: Iterable[Email], *, by: AbstractBaseUser | None) -> int:
    """Queue a new attempt of each e-mail, with a fresh series of retries.

    A sent e-mail is sent again (built anew, so with a new personal link). Who
    re-sent it, and what it was before, goes into the admin's history.
    """
    count = 0
    with transaction.atomic():
        locked = Email.objects.select_for_update().filter(
            pk__in=[email.pk for email in emails]
        )
        for email in locked:
            was = email.get_state_display()
            email.state = Email.State.QUEUED
            email.attempts = 0
            email.next_attempt_at = now()
            email.resent_at = now()
            email.resent_by = by
            email.save()
            send_email.enqueue(email.pk)
            if by is not None:
                LogEntry.objects.log_actions(
                    user_id=by.pk,
                    queryset=[email],
                    action_flag=CHANGE,
                    change_message=_("Re-sent (was %(state)s).") % {"state": was},
                    single_object=True,
                )
            count += 1
    return count


def emails_to(address: str) -> list[dict]:
    """The e-mails to a person, for a subject access request."""
    return [
        {
            "kind": email.kind,
            "subject": email.subject,
            "state": email.state,
            "queued_at": email.created_at.isoformat(),
            "sent_at": email.sent_at.isoformat() if email.sent_at else None,
        }
        for email in Email.objects.filter(recipient__iexact=address.strip())
    ]


def forget_recipient(address: str) -> int:
    """Erase the e-mails to a person (personal data erasure)."""
    return Email.objects.filter(recipient__iexact=address.strip()).delete()[0]


def forget_recipients_before(day: dt.date) -> int:
    """Blank who the e-mails of conferences ended before ``day`` went to."""
    return (
        Email.objects.filter(conference__end_date__lt=day)
        .exclude(recipient="")
        .update(recipient="", subject="")
    )
