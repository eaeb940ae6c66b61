"""The e-mails to proposers, from the call's editable templates, in their language."""

import re

from django.core.mail import EmailMessage
from django.utils import translation

from outbox.models import Email
from outbox.sending import queue
from proposals.links import issue_token, proposal_url
from proposals.models import MessageTemplate, Proposal

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(text: str, values: dict[str, str]) -> str:
    """Put the values in; an unknown placeholder stays as staff wrote it."""
    return PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), text)


def build_message(kind: str, pk: int) -> EmailMessage | None:
    """The e-mail of this kind, built when the outbox sends it; None when gone."""
    proposal = (
        # Only the proposal's row is locked: PostgreSQL cannot lock the nullable
        # side of the join (a proposal without its session).
        Proposal.objects.select_for_update(of=("self",))
        .select_related("call__conference", "session__room")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        return None
    language = proposal.language if proposal.language in ("en", "ru") else "en"
    template = MessageTemplate.objects.filter(
        call=proposal.call, kind=kind, language=language
    ).first()
    if template is None:
        template = MessageTemplate.objects.filter(
            call=proposal.call, kind=kind, language="en"
        ).first()
    if template is None:
        raise ValueError(f"No e-mail template {kind!r}")
    values = {
        "title": proposal.title,
        "contact_name": proposal.contact_name,
        "conference": proposal.call.conference.title,
        "contact": proposal.call.contact,
        "note": proposal.decisions.order_by("-created_at")
        .values_list("note", flat=True)
        .first()
        or "",
        "slot": "",
        "room": "",
        "link": "",
    }

    session = proposal.session
    if session is not None:
        conference = proposal.call.conference
        with translation.override(language):
            values["slot"] = (
                f"{conference.local(session.start):%d.%m.%Y %H:%M}–"
                f"{conference.local(session.end):%H:%M}"
            )
        values["room"] = str(session.room or "")
    if kind == MessageTemplate.Kind.LINK:
        values["link"] = proposal_url(issue_token(proposal), language)
    message = EmailMessage(
        subject=fill(template.subject, values).replace("\n", " "),
        body=fill(template.body, values),
        to=[proposal.contact_email],
        reply_to=[proposal.call.contact],
        headers={"Content-Language": language},
    )
    return message


def queue_email(kind: str, proposal: Proposal) -> Email:
    """Queue the e-mail through the outbox, in the current transaction."""
    return queue(
        app="proposals",
        kind=kind,
        about=proposal,
        conference_id=proposal.call.conference_id,
        recipient=proposal.contact_email,
        language=proposal.language,
    )
