"""The staff API of proposals: who reads what, and deciding through it."""

import pytest
from rest_framework.test import APIClient

from proposals.models import Proposal, Review
from proposals.placement import decide
from proposals.services import save_proposal
from tests.proposals.conftest import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposals(call):
    submitted, _ = save_proposal(
        call=call, content=content(), submit=True, language="en"
    )
    draft, _ = save_proposal(
        call=call, content=content(title="Still a draft"), submit=False, language="en"
    )
    return submitted, draft


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("who", "proposals_status", "decide_status"),
    [("anonymous", 401, 401), ("reviewer", 200, 403), ("editor", 200, 201)],
)
def test_permissions_as_the_admin(
    proposals, call, rooms, reviewer, editor, who, proposals_status, decide_status
):
    user = {"anonymous": None, "reviewer": reviewer, "editor": editor}[who]
    client = _client(user)
    submitted, _draft = proposals
    listing = client.get("/api/v1/proposals/")
    assert listing.status_code == proposals_status
    if proposals_status == 200:
        assert [p["title"] for p in listing.json()["results"]] == [submitted.title]
    answer = client.post(
        "/api/v1/decisions/",
        {
            "proposal": submitted.pk,
            "outcome": "accepted",
            "slot": call.slots.first().pk,
            "room": rooms[0].pk,
        },
        format="json",
    )
    assert answer.status_code == decide_status
    if decide_status == 201:
        submitted.refresh_from_db()
        assert submitted.status == Proposal.Status.ACCEPTED
        assert submitted.session.room == rooms[0]


def test_accepting_without_a_place_names_the_field(proposals, editor):
    submitted, _ = proposals
    answer = _client(editor).post(
        "/api/v1/decisions/",
        {"proposal": submitted.pk, "outcome": "accepted"},
        format="json",
    )
    assert answer.status_code == 400
    assert list(answer.json()) == ["place"]


def test_a_reviewer_reads_only_their_own_reviews(proposals, reviewer, reviewer2):
    submitted, _ = proposals
    Review.objects.create(proposal=submitted, reviewer=reviewer, scores={})
    Review.objects.create(proposal=submitted, reviewer=reviewer2, scores={})
    answer = _client(reviewer).get("/api/v1/reviews/")
    assert [r["reviewer"] for r in answer.json()["results"]] == ["reviewer1"]


def test_no_proposal_data_in_the_public_api_or_pages(
    client, proposals, call, rooms, editor
):
    """Not even once accepted: its session is a draft until staff publish it."""
    submitted, _ = proposals
    decide(
        proposal=submitted,
        outcome="accepted",
        by=editor,
        slot=call.slots.first(),
        room=rooms[0],
    )
    for url in ("/api/v1/sessions/", "/api/v1/people/", "/en/alliance-2026/programme/"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Forced criminality" not in body
        assert "Berger" not in body
        assert "suzanne@example.org" not in body
