"""Opening a call, saving drafts and submitting proposals: versions, links, time."""

import datetime as dt
import re
import uuid

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from events.tokens import hash_token
from proposals.models import Call, MessageTemplate, Proposal
from proposals.services import CallClosed, save_proposal
from tests.proposals.conftest import CLOSES, content

pytestmark = pytest.mark.django_db


def test_open_call_command_prints_the_public_url_last(conference, capsys):
    call_command("open_call", "alliance-2026", "--closes", "2026-03-15")

    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "http://127.0.0.1:8000/en/side-events/alliance-2026/"
    call = Call.objects.get(conference=conference)
    assert call.closes_at == dt.datetime(2026, 3, 16, tzinfo=conference.tzinfo)
    assert call.is_open()
    assert sorted(
        MessageTemplate.objects.filter(call=call).values_list("kind", "language")
    ) == sorted(
        (kind, language)
        for kind in MessageTemplate.Kind.values
        for language in ("en", "ru")
    )


def test_open_call_command_refuses_an_unknown_conference():
    with pytest.raises(Exception, match="No conference 'nope'"):
        call_command("open_call", "nope", "--closes", "2026-03-15")


def test_draft_then_submit_keeps_every_version_and_mails_the_link(call, run_worker):
    key = uuid.uuid4()
    proposal, created = save_proposal(
        call=call, content=content(), submit=False, language="en", submission_key=key
    )
    assert created is True
    assert proposal.status == Proposal.Status.DRAFT
    run_worker()
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/p/(\S+)/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    proposal.refresh_from_db()
    assert proposal.token_hash == hash_token(link[1])

    save_proposal(
        call=call,
        content=content(title="New title"),
        submit=True,
        language="en",
        proposal=proposal,
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert [
        (v.number, v.submitted, v.data["title"]) for v in proposal.versions.all()
    ] == [
        (1, False, "Forced criminality: survivors speak"),
        (2, True, "New title"),
    ]


def test_the_same_form_sent_twice_makes_one_proposal(call):
    key = uuid.uuid4()
    first, _ = save_proposal(
        call=call, content=content(), submit=True, language="en", submission_key=key
    )
    second, created = save_proposal(
        call=call, content=content(), submit=True, language="en", submission_key=key
    )
    assert (second.pk, created, Proposal.objects.count()) == (first.pk, False, 1)


def test_no_save_after_the_closing_time(call):
    proposal, _ = save_proposal(
        call=call, content=content(), submit=False, language="en"
    )
    with time_machine.travel(CLOSES, tick=False), pytest.raises(CallClosed):
        save_proposal(
            call=call,
            content=content(),
            submit=True,
            language="en",
            proposal=proposal,
        )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DRAFT
    assert proposal.versions.count() == 1
