"""Writes of calls and proposals: opening a call, saving and submitting proposals.

Decisions and placement in the programme are in ``proposals.placement``.
"""

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import Conference, Room
from events.tokens import new_token
from events.version import bump_programme_version
from proposals.emails import queue_email
from proposals.models import Call, Criterion, MessageTemplate, Proposal, Slot

CONTENT_FIELDS = (
    "organisation",
    "co_organisers",
    "contact_name",
    "contact_email",
    "title",
    "sections",
    "agenda",
    "speakers",
    "attendance_mode",
    "interpretation",
    "preferred_slots",
    "expected_audience",
    "technical_needs",
    "accessibility_needs",
)


class CallClosed(Exception):
    """The call does not take proposals (not yet open, or closed)."""


class NotEditable(Exception):
    """The proposal was decided and can no longer be changed by its proposer."""


def default_templates() -> dict[str, tuple[str, str]]:
    """Subject and text of each e-mail, in the active language."""
    return {
        MessageTemplate.Kind.LINK: (
            _("Your side-event proposal: {title}"),
            _(
                "Dear {contact_name},\n\nyour proposal “{title}” for "
                "{conference} is saved. Open it, change it and submit it with your "
                "personal link until the call closes:\n\n{link}\n\nKeep this link to "
                "yourself. Questions: {contact}"
            ),
        ),
        MessageTemplate.Kind.SUBMITTED: (
            _("Proposal received: {title}"),
            _(
                "Dear {contact_name},\n\nthank you: your proposal “{title}” "
                "for {conference} has been submitted. You can still change it until "
                "the call closes, with your personal link. Questions: {contact}"
            ),
        ),
        MessageTemplate.Kind.ACCEPTED: (
            _("Side event accepted: {title}"),
            _(
                "Dear {contact_name},\n\nwe are glad to tell you that your side event "
                "“{title}” is part of the programme of {conference}: "
                "{slot}, {room}.\n\n{note}\n\nQuestions: {contact}"
            ),
        ),
        MessageTemplate.Kind.DECLINED: (
            _("Your side-event proposal: {title}"),
            _(
                "Dear {contact_name},\n\nthank you for proposing “{title}” "
                "for {conference}. We regret that we cannot include it in the "
                "programme.\n\n{note}\n\nQuestions: {contact}"
            ),
        ),
        MessageTemplate.Kind.ON_HOLD: (
            _("Your side-event proposal: {title}"),
            _(
                "Dear {contact_name},\n\nyour proposal “{title}” for "
                "{conference} is on hold: we will write to you again when the "
                "programme is settled.\n\n{note}\n\nQuestions: {contact}"
            ),
        ),
    }


def open_call(
    *,
    conference: Conference,
    closes_at: dt.datetime,
    opens_at: dt.datetime | None = None,
    slots: list[tuple[dt.datetime, dt.datetime]] = (),
    rooms: list[Room] = (),
    criteria: list[str] = (),
) -> Call:
    """Open (or reopen) the conference's call, with e-mails ready in both languages."""
    opens_at = opens_at or timezone.now()
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The call must close after it opens.")})
    with transaction.atomic():
        call, _created = Call.objects.update_or_create(
            conference=conference,
            defaults={"opens_at": opens_at, "closes_at": closes_at},
        )
        for start, end in slots:
            Slot.objects.get_or_create(call=call, start=start, end=end)
        if rooms:
            call.rooms.add(*rooms)
        for order, name in enumerate(criteria):
            Criterion.objects.get_or_create(
                call=call, name=name, defaults={"order": order}
            )
        for language in ("en", "ru"):
            with translation.override(language):
                for kind, (subject, body) in default_templates().items():
                    MessageTemplate.objects.get_or_create(
                        call=call,
                        kind=kind,
                        language=language,
                        defaults={"subject": subject, "body": body},
                    )
    # The conference page and the programme link an open call.
    bump_programme_version()
    return call


def content_of(proposal: Proposal) -> dict[str, Any]:
    """What the proposer wrote, as kept in each version."""
    return {field: getattr(proposal, field) for field in CONTENT_FIELDS}


def save_proposal(
    *,
    call: Call,
    content: dict[str, Any],
    submit: bool,
    language: str,
    proposal: Proposal | None = None,
    submission_key: uuid.UUID | None = None,
) -> tuple[Proposal, bool]:
    """Save a proposal as draft or submit it, keeping a version of each save.

    Refused once the call has closed, whenever the form was opened. A new proposal
    sent twice with the same form key is saved once. Returns the proposal and
    whether it was new; a new one is sent its personal link by e-mail.
    """
    now = timezone.now()
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if not call.is_open(now):
            raise CallClosed
        created = False
        if proposal is None:
            existing = Proposal.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing, False
            _token, digest = new_token()
            proposal = Proposal(
                call=call,
                token_hash=digest,
                submission_key=submission_key or uuid.uuid4(),
            )
            created = True
        else:
            proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
            if proposal.status not in (
                Proposal.Status.DRAFT,
                Proposal.Status.SUBMITTED,
            ):
                raise NotEditable
        for field in CONTENT_FIELDS:
            setattr(proposal, field, content.get(field, getattr(proposal, field)))
        proposal.language = language
        proposal.consent_at = proposal.consent_at or now
        first_submit = submit and proposal.status == Proposal.Status.DRAFT
        if submit:
            proposal.status = Proposal.Status.SUBMITTED
            proposal.submitted_at = now
        proposal.save()
        number = proposal.versions.count() + 1
        proposal.versions.create(
            number=number, data=content_of(proposal), submitted=submit
        )
        if created:
            _queue(MessageTemplate.Kind.LINK, proposal)
        if first_submit:
            _queue(MessageTemplate.Kind.SUBMITTED, proposal)
    return proposal, created


def resend_link(proposal: Proposal) -> None:
    """Send the proposer a new personal link (the old one stops working)."""
    with transaction.atomic():
        _queue(MessageTemplate.Kind.LINK, proposal)


def _queue(kind: str, proposal: Proposal) -> None:
    """Queue the e-mail in this transaction: it is sent only if the save commits."""
    queue_email(kind, proposal)
