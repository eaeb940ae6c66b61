"""The staff pages' permissions, reviews hidden until scored, and bad input."""

import pytest
from django.urls import reverse

from proposals.models import Proposal, Review
from proposals.services import save_proposal
from tests.proposals.conftest import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(call):
    proposal, _ = save_proposal(
        call=call, content=content(), submit=True, language="en"
    )
    return proposal


@pytest.mark.parametrize(
    ("who", "table", "review", "decision"),
    [
        ("anonymous", 302, 302, 302),
        ("reviewer", 200, 200, 403),
        ("editor", 200, 200, 200),
    ],
)
def test_staff_pages_by_role(
    client, submitted, reviewer, editor, who, table, review, decision
):
    if who != "anonymous":
        client.force_login({"reviewer": reviewer, "editor": editor}[who])
    kwargs = {"conference": "alliance-2026"}
    pages = [
        reverse("proposals:staff", kwargs=kwargs),
        reverse("proposals:review", kwargs={**kwargs, "pk": submitted.pk}),
        reverse("proposals:decision", kwargs={**kwargs, "pk": submitted.pk}),
    ]
    assert [client.get(url).status_code for url in pages] == [table, review, decision]


def test_a_reviewer_sees_others_scores_only_after_scoring(
    client, call, submitted, reviewer, reviewer2
):
    criteria = list(call.criteria.all())
    Review.objects.create(
        proposal=submitted,
        reviewer=reviewer2,
        scores={str(c.pk): 5 for c in criteria},
        comment="Strong panel",
    )
    client.force_login(reviewer)
    url = reverse(
        "proposals:review", kwargs={"conference": "alliance-2026", "pk": submitted.pk}
    )
    assert "Strong panel" not in client.get(url).content.decode()
    response = client.post(
        url, {f"score_{c.pk}": 3 for c in criteria} | {"comment": "Fine"}
    )
    assert response.status_code == 302
    assert "Strong panel" in client.get(url).content.decode()


def test_bad_input_is_refused_with_messages_in_russian(client, call):
    response = client.post(
        "/ru/side-events/alliance-2026/",
        {
            "organisation": "x" * 301,
            "contact_name": "",
            "contact_email": "not-an-address",
            "title": "T",
            "attendance_mode": "hybrid",
            "consent": "on",
            "submit": "1",
            "speakers-TOTAL_FORMS": "31",
            "speakers-INITIAL_FORMS": "0",
            **{
                f"{prefix}-{key}": value
                for prefix in ("co_organisers", "sections", "agenda")
                for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
            },
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Обязательное поле." in page
    assert "300" in page
    assert Proposal.objects.count() == 0
