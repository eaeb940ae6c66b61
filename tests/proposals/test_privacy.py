"""A proposer's data in the personal-data export, and its erasure."""

import json

import pytest
from django.core.management import call_command

from proposals.models import Proposal
from proposals.placement import decide
from proposals.services import save_proposal
from tests.proposals.conftest import content

pytestmark = pytest.mark.django_db


def test_export_and_erasure_include_proposers(call, rooms, editor, capsys):
    accepted, _ = save_proposal(
        call=call, content=content(), submit=True, language="en"
    )
    decide(
        proposal=accepted,
        outcome="accepted",
        by=editor,
        slot=call.slots.first(),
        room=rooms[0],
    )
    save_proposal(
        call=call, content=content(title="Second idea"), submit=False, language="en"
    )

    call_command("personal_data", "Suzanne@example.org")
    data = json.loads(capsys.readouterr().out)
    assert sorted(p["title"] for p in data["side_event_proposals"]) == [
        "Forced criminality: survivors speak",
        "Second idea",
    ]
    assert data["side_event_proposals"][0]["versions"][0]["contact_name"] == (
        "Suzanne Hoff"
    )

    call_command("personal_data", "suzanne@example.org", "--erase")
    assert capsys.readouterr().out == "4 records erased.\n"
    accepted.refresh_from_db()
    assert list(Proposal.objects.values_list("title", flat=True)) == [accepted.title]
    assert (accepted.contact_name, accepted.session is not None) == ("erased", True)
    assert accepted.versions.get().data["contact_email"] == (
        f"erased-{accepted.pk}@invalid"
    )
    call_command("personal_data", "suzanne@example.org")
    assert json.loads(capsys.readouterr().out)["side_event_proposals"] == []
