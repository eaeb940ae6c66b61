"""Who has confirmed: counts and names per answer, per session and conference."""

import pytest

from organisers.confirmations import ask_to_confirm
from organisers.models import SpeakerConfirmation
from organisers.selectors import conference_confirmations, session_confirmations
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    session = factories.SessionFactory(title="Launch")
    people = [
        factories.ParticipationFactory(
            session=session,
            person__given_name=given,
            person__family_name="Berger",
            person__honorific="",
            role="speaker",
            order=order,
        )
        for order, given in enumerate(["Anna", "Boris", "Clara", "Dora"])
    ]
    for participation, status in zip(
        people[:3], ["confirmed", "declined", "pending"], strict=True
    ):
        ask_to_confirm(participation, email="p@example.org")
        SpeakerConfirmation.objects.filter(participation=participation).update(
            status=status
        )
    return session


def table(groups) -> list[tuple[str, int, list[str]]]:
    return [(group.status, group.count, group.people) for group in groups]


def test_a_session_s_people_per_answer(session):
    assert table(session_confirmations(session)) == [
        ("confirmed", 1, ["Anna Berger (Speaker)"]),
        ("declined", 1, ["Boris Berger (Speaker)"]),
        ("pending", 1, ["Clara Berger (Speaker)"]),
        ("not_asked", 1, ["Dora Berger (Speaker)"]),
    ]


def test_a_conference_names_each_person_s_session(session):
    factories.ParticipationFactory(
        session__conference=session.conference,
        session__title="Other",
        person__given_name="Emil",
        person__family_name="Novak",
        person__honorific="",
        role="moderator",
    )
    factories.ParticipationFactory()  # another conference's

    groups = {g.status: g for g in conference_confirmations(session.conference)}

    assert groups["confirmed"].people == ["Anna Berger (Speaker) – Launch"]
    assert "Emil Novak (Moderator) – Other" in groups["not_asked"].people
    assert sum(g.count for g in groups.values()) == 5


def test_the_admin_change_pages_show_the_summary(admin_client, session):
    session_page = admin_client.get(
        f"/en/admin/events/session/{session.pk}/change/"
    ).content.decode()
    conference_page = admin_client.get(
        f"/en/admin/events/conference/{session.conference_id}/change/"
    ).content.decode()

    for page in (session_page, conference_page):
        assert "<h2>Who has confirmed</h2>" in page
        assert '<th scope="row">Confirmed</th>' in page
        assert "Anna Berger (Speaker)" in page
    assert "Dora Berger (Speaker) – Launch" in conference_page
    assert "<td>1</td>" in session_page


def test_the_add_page_has_no_summary(admin_client):
    page = admin_client.get("/en/admin/events/session/add/").content.decode()

    assert "Who has confirmed" not in page
