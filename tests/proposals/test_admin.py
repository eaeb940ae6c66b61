"""The proposals' admin pages render; a reviewer's conflicts are their own."""

import pytest
from django.urls import reverse

from proposals.models import Conflict, Decision, Review
from proposals.placement import decide
from proposals.services import save_proposal
from tests import factories
from tests.proposals.conftest import content

pytestmark = pytest.mark.django_db


def test_every_admin_page_of_proposals_renders(admin_client, call, admin_user):
    proposal, _ = save_proposal(
        call=call, content=content(), submit=True, language="en"
    )
    review = Review.objects.create(proposal=proposal, reviewer=admin_user, scores={})
    conflict = Conflict.objects.create(
        reviewer=admin_user, organisation=factories.OrganisationFactory()
    )
    decide(proposal=proposal, outcome="on_hold", by=admin_user)
    objects = {
        "call": call,
        "proposal": proposal,
        "review": review,
        "conflict": conflict,
        "decision": Decision.objects.get(),
    }
    answers = {}
    for name, obj in objects.items():
        changelist = admin_client.get(reverse(f"admin:proposals_{name}_changelist"))
        change = admin_client.get(
            reverse(f"admin:proposals_{name}_change", args=[obj.pk])
        )
        answers[name] = (changelist.status_code, change.status_code)
    assert answers == dict.fromkeys(objects, (200, 200))
    assert admin_client.get(reverse("admin:proposals_call_add")).status_code == 200
    assert admin_client.get(reverse("admin:proposals_proposal_add")).status_code == 403


def test_a_reviewer_declares_a_conflict_for_themselves(client, reviewer, reviewer2):
    organisation = factories.OrganisationFactory()
    Conflict.objects.create(reviewer=reviewer2, organisation=organisation)
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:proposals_conflict_add"), {"organisation": organisation.pk}
    )
    assert response.status_code == 302
    assert sorted(Conflict.objects.values_list("reviewer__username", flat=True)) == [
        "reviewer1",
        "reviewer2",
    ]
    listing = client.get(reverse("admin:proposals_conflict_changelist"))
    assert list(listing.context["cl"].queryset) == [
        Conflict.objects.get(reviewer=reviewer)
    ]
