"""The staff table: averages, counts, clashes, conflicts; its query count; XLSX."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from proposals import selectors
from proposals.exports import proposals_xlsx
from proposals.models import Conflict, Review
from proposals.services import save_proposal
from tests import factories
from tests.proposals.conftest import content

pytestmark = pytest.mark.django_db


def _submit(call, title, organisation, co_organisers, slots):
    proposal, _ = save_proposal(
        call=call,
        content=content(
            title=title,
            organisation=organisation,
            co_organisers=co_organisers,
            preferred_slots=[slot.pk for slot in slots],
        ),
        submit=True,
        language="en",
    )
    return proposal


def _score(proposal, reviewer, score):
    criteria = proposal.call.criteria.all()
    Review.objects.create(
        proposal=proposal,
        reviewer=reviewer,
        scores={str(criterion.pk): score for criterion in criteria},
    )


def test_averages_counts_and_clashes(call, reviewer, reviewer2):
    first, second, third = call.slots.all()
    a = _submit(call, "A", "IOM", ["Hellenic Ministry"], [first, second])
    b = _submit(call, "B", "Council of Europe", ["CBSS"], [first])
    c = _submit(call, "C", "ASEAN", ["hellenic ministry"], [third, second])
    for proposal, scores in ((a, (5, 4)), (b, (4, 4)), (c, (1, 1))):
        _score(proposal, reviewer, scores[0])
        _score(proposal, reviewer2, scores[1])

    rows = {row.proposal.title: row for row in selectors.table(call)}

    assert (rows["A"].average, rows["A"].reviews) == (9.0, 2)
    assert rows["A"].slots == [first, second]
    assert rows["A"].clashes == [
        "Same first choice of slot as: B",
        f"hellenic ministry is in two proposals for {second}",
    ]
    assert rows["B"].clashes == ["Same first choice of slot as: A"]
    assert rows["C"].clashes == [f"hellenic ministry is in two proposals for {second}"]


def test_a_reviewer_never_sees_a_proposal_they_are_conflicted_with(
    client, call, reviewer
):
    iom = factories.OrganisationFactory(
        name="International Organization for Migration", short_name="IOM"
    )
    conflicted = _submit(call, "Conflicted", "IOM", [], [])
    _submit(call, "Fine", "ASEAN", [], [])
    Conflict.objects.create(reviewer=reviewer, organisation=iom)
    client.force_login(reviewer)

    table = client.get(
        reverse("proposals:staff", kwargs={"conference": "alliance-2026"})
    )
    review = client.get(
        reverse(
            "proposals:review",
            kwargs={"conference": "alliance-2026", "pk": conflicted.pk},
        )
    )
    assert [row.proposal.title for row in table.context["rows"]] == ["Fine"]
    assert review.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_staff_table_query_count_does_not_grow(
    client, call, editor, reviewer, count, django_assert_num_queries
):
    for index in range(count):
        _score(
            _submit(call, f"P{index}", "IOM", ["CBSS"], [call.slots.first()]),
            reviewer,
            3,
        )
    client.force_login(editor)
    url = reverse("proposals:staff", kwargs={"conference": "alliance-2026"})
    # session, user, permissions (2), conflicts, call, slots, criteria, proposals,
    # reviews, own reviews
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200


def test_the_xlsx_export_has_a_row_per_proposal_with_its_score(call, reviewer):
    proposal = _submit(
        call, "=HYPERLINK(1)", "IOM", ["CBSS", "HEUNI"], [call.slots.first()]
    )
    _score(proposal, reviewer, 4)
    sheet = load_workbook(BytesIO(proposals_xlsx(call))).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Title", "Status", "Submitting organisation")
    assert rows[1][:4] == ("'=HYPERLINK(1)", "Submitted", "IOM", "CBSS; HEUNI")
    assert (rows[1][6], rows[1][7]) == (8, 1)
