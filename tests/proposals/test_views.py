"""The staff pages' permissions, reviews hidden until scored, and bad input."""

import datetime as dt
import re
import uuid

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from proposals.links import issue_token
from proposals.models import Proposal, Review
from proposals.services import open_call, save_proposal
from tests import factories
from tests.proposals.conftest import CLOSES, content

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


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Relevance to the theme"), ("ru", "Соответствие теме")],
)
def test_the_review_form_names_criteria_in_the_readers_language(
    client, call, submitted, reviewer, language, expected
):
    relevance = call.criteria.get(name="Relevance to the theme")
    relevance.name_ru = "Соответствие теме"
    relevance.save()
    client.force_login(reviewer)
    url = f"/{language}/side-events/staff/alliance-2026/{submitted.pk}/"
    page = client.get(url).content.decode()
    assert f'<label for="id_score_{relevance.pk}">{expected}:</label>' in page
    # A criterion without a Russian name keeps its English one.
    quality = call.criteria.get(name="Quality of the concept note")
    assert f'<label for="id_score_{quality.pk}">Quality of the concept note:' in page


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


@pytest.mark.parametrize("page", ["", "programme/"])
def test_the_conference_and_programme_link_the_call_while_open(client, call, page):
    url = f"/en/alliance-2026/{page}"
    assert 'href="/en/side-events/alliance-2026/"' in client.get(url).content.decode()
    with time_machine.travel(CLOSES, tick=False):
        assert "/side-events/" not in client.get(url).content.decode()


def test_a_form_opened_before_the_closing_time_is_refused_after_it(client, call):
    form = client.get("/en/side-events/alliance-2026/")
    key = form.context["submission_key"]
    with time_machine.travel(CLOSES, tick=False):
        response = client.post(
            "/en/side-events/alliance-2026/", _filled(key, call), follow=False
        )
    assert response.status_code == 410
    assert "The call for side events is closed" in response.content.decode()
    assert "noreply@localhost" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_a_repeated_submit_creates_nothing_twice(client, call):
    key = str(uuid.uuid4())
    first = client.post("/en/side-events/alliance-2026/", _filled(key, call))
    second = client.post("/en/side-events/alliance-2026/", _filled(key, call))
    assert (first.status_code, second.status_code) == (200, 200)
    assert Proposal.objects.count() == 1
    assert Proposal.objects.get().versions.count() == 1


def test_an_oversized_list_is_refused_with_its_limit(client, call):
    data = _filled(str(uuid.uuid4()), call)
    data["speakers-TOTAL_FORMS"] = "31"
    response = client.post("/en/side-events/alliance-2026/", data)
    assert response.status_code == 400
    assert "Please submit at most 30 forms." in response.content.decode()
    assert Proposal.objects.count() == 0


def test_the_form_is_rate_limited(client, call, settings):
    settings.RATELIMIT_PROPOSALS = "2/h"
    for _ in range(2):
        client.post("/en/side-events/alliance-2026/", {})
    assert client.post("/en/side-events/alliance-2026/", {}).status_code == 429


def _filled(key: str, call) -> dict:
    data = {
        "submission_key": key,
        "organisation": "La Strada International",
        "contact_name": "Suzanne Hoff",
        "contact_email": "suzanne@example.org",
        "title": "Forced criminality",
        "attendance_mode": "hybrid",
        "first_slot": str(call.slots.first().pk),
        "consent": "on",
        "submit": "1",
    }
    for prefix in ("co_organisers", "sections", "agenda", "speakers"):
        data[f"{prefix}-TOTAL_FORMS"] = "3"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    for index, title in enumerate(("Background", "Objectives", "Outcomes")):
        data[f"sections-{index}-title"] = title
        data[f"sections-{index}-body"] = "Text"
    for index in range(3):
        data[f"speakers-{index}-role"] = "speaker"
    return data


def test_the_proposer_opens_only_their_own_proposal_by_its_link(client, call):
    proposal, _ = save_proposal(
        call=call, content=content(), submit=False, language="en"
    )
    token = issue_token(proposal)
    mine = client.get(reverse("proposals:edit", kwargs={"token": token}))
    other = client.get(reverse("proposals:edit", kwargs={"token": "x" + token}))
    staff = client.get(
        reverse("proposals:staff", kwargs={"conference": "alliance-2026"})
    )
    assert (mine.status_code, other.status_code, staff.status_code) == (200, 404, 302)
    assert mine.context["form"].initial["title"] == proposal.title
    assert proposal.token_hash != token


def test_a_call_that_asks_for_no_agenda_or_speakers_takes_proposals(client, call):
    call.asks_agenda = call.asks_speakers = call.asks_needs = False
    call.save()
    data = {
        key: value
        for key, value in _filled(str(uuid.uuid4()), call).items()
        if not key.startswith(("agenda-", "speakers-"))
    }
    page = client.get("/en/side-events/alliance-2026/").content.decode()
    assert "speakers-TOTAL_FORMS" not in page
    assert "id_technical_needs" not in page
    response = client.post("/en/side-events/alliance-2026/", data)
    assert response.status_code == 200
    assert Proposal.objects.get().speakers == []


RESEND = "/en/side-events/alliance-2026/link/"
NEUTRAL = (
    "If a proposal with this e-mail address exists, we have sent its personal link"
)


def test_a_proposer_is_sent_a_new_link_by_their_address(
    client, call, submitted, run_worker
):
    run_worker()
    mail.outbox.clear()
    old = issue_token(submitted)
    response = client.post(RESEND, {"email": "Suzanne@Example.org"})
    assert response.status_code == 200
    assert NEUTRAL in response.content.decode()
    run_worker()
    assert [message.to for message in mail.outbox] == [["suzanne@example.org"]]
    token = re.search(r"http://\S+/p/(\S+)/", mail.outbox[0].body)[1]
    assert client.get(f"/en/side-events/p/{token}/").status_code == 200
    assert client.get(f"/en/side-events/p/{old}/").status_code == 404


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client, call, submitted, run_worker
):
    run_worker()
    mail.outbox.clear()
    known = client.post(RESEND, {"email": "suzanne@example.org"})
    unknown = client.post(RESEND, {"email": "nobody@example.org"})
    assert (known.status_code, unknown.status_code) == (200, 200)
    assert known.content == unknown.content
    run_worker()
    assert [message.to for message in mail.outbox] == [["suzanne@example.org"]]


def test_a_proposal_of_another_call_is_not_sent(client, call, run_worker):
    other = factories.ConferenceFactory(slug="alliance-2027")
    other_call = open_call(
        conference=other, opens_at=CLOSES - dt.timedelta(days=30), closes_at=CLOSES
    )
    save_proposal(call=other_call, content=content(), submit=True, language="en")
    run_worker()
    mail.outbox.clear()
    response = client.post(RESEND, {"email": "suzanne@example.org"})
    assert NEUTRAL in response.content.decode()
    run_worker()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "email", ["", "not-an-address", "a" * 250 + "@example.org", "x@" + "y" * 300]
)
def test_a_bad_address_is_refused_with_a_message(client, call, email):
    response = client.post(RESEND, {"email": email})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_the_link_page_is_in_russian_and_404_for_an_unknown_call(client, call):
    page = client.get("/ru/side-events/alliance-2026/link/").content.decode()
    assert "Отправить ссылку ещё раз" in page
    assert client.get("/en/side-events/nope/link/").status_code == 404


def test_the_link_page_is_rate_limited(client, call, settings):
    settings.RATELIMIT_PROPOSALS = "2/h"
    for _ in range(2):
        client.post(RESEND, {"email": "a@example.org"})
    assert client.post(RESEND, {"email": "a@example.org"}).status_code == 429
    # The proposal form has its own count.
    assert client.post("/en/side-events/alliance-2026/", {}).status_code != 429


def test_the_form_and_the_closed_page_link_the_page(client, call):
    assert RESEND in client.get("/en/side-events/alliance-2026/").content.decode()
    with time_machine.travel(CLOSES, tick=False):
        closed = client.get("/en/side-events/alliance-2026/").content.decode()
        assert "The call for side events is closed" in closed
        assert RESEND in closed
        # A proposer can still get the link after the call closes.
        response = client.post(RESEND, {"email": "suzanne@example.org"})
        assert response.status_code == 200


def test_placing_a_proposal_warns_of_a_double_booking(
    client, call, rooms, editor, run_worker
):
    slot = call.slots.first()
    proposal, _ = save_proposal(
        call=call,
        content=content(preferred_slots=[slot.pk]),
        submit=True,
        language="en",
    )
    la_strada = factories.OrganisationFactory(
        name="La Strada International", slug="la-strada"
    )
    hoff = factories.PersonFactory(
        given_name="Suzanne", family_name="Hoff", organisation=la_strada
    )
    elsewhere = factories.SessionFactory(
        conference=call.conference,
        title="Opening",
        start=slot.start,
        end=slot.end,
        room=factories.RoomFactory(),
    )
    factories.ParticipationFactory(session=elsewhere, person=hoff)
    client.force_login(editor)

    response = client.post(
        reverse(
            "proposals:decision",
            kwargs={"conference": call.conference.slug, "pk": proposal.pk},
        ),
        {"outcome": "accepted", "note": "", "place": f"{slot.pk}:{rooms[1].pk}"},
        follow=True,
    )

    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert f"{hoff} is also booked in “Opening” at the same time." in messages
