"""The speakers index and a page per person."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Conference
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated(settings) -> None:
    """Watch the views themselves, not alliance.cache, in English to start with.

    A request under /ru/ leaves Russian active in the thread for reverse().
    """
    settings.PUBLIC_CACHE_ENABLED = False
    translation.activate("en")


def letters(response) -> list[tuple[str, list[str]]]:
    return [
        (letter, [person.family_name for person in people])
        for letter, people in response.context["letters"]
    ]


def test_index_is_alphabetical_by_family_name_grouped_by_initial(client):
    session = factories.SessionFactory()
    for family_name in ["Zimmermann", "Adams", "Ahmed", "Brown"]:
        factories.ParticipationFactory(session=session, person__family_name=family_name)

    response = client.get(reverse("speakers:index"))

    assert response.status_code == 200
    assert letters(response) == [
        ("A", ["Adams", "Ahmed"]),
        ("B", ["Brown"]),
        ("Z", ["Zimmermann"]),
    ]


def test_index_leaves_out_people_of_drafts_and_other_conferences(client):
    shown = factories.ParticipationFactory(person__family_name="Shown")
    factories.ParticipationFactory(
        person__family_name="Hidden", session__is_published=False
    )
    factories.ParticipationFactory(
        person__family_name="Elsewhere",
        session__conference__start_date=dt.date(2016, 4, 11),
        session__conference__end_date=dt.date(2016, 4, 12),
        session__start=dt.datetime(2016, 4, 11, 10, tzinfo=factories.VIENNA),
    )

    response = client.get(
        reverse("speakers:index"),
        {"conference": shown.session.conference.slug},
    )

    assert letters(response) == [("S", ["Shown"])]


@pytest.mark.parametrize("people", [1, 3])
def test_index_query_count_does_not_grow(client, people, django_assert_num_queries):
    factories.ParticipationFactory.create_batch(people)

    # people with their organisation (the ETag needs no query)
    with django_assert_num_queries(1):
        client.get(reverse("speakers:index"))


def test_person_page_lists_their_sessions(client):
    participation = factories.ParticipationFactory(
        role="moderator",
        joins_online=True,
        session__title="Launch of the Study",
        person__honorific="Dr.",
        person__given_name="Anna",
        person__family_name="Example",
    )
    factories.ParticipationFactory(
        person=participation.person, session__is_published=False
    )

    response = client.get(participation.person.get_absolute_url())

    assert response.status_code == 200
    assert response.context["participations"] == [participation]
    html = response.content.decode()
    assert "<h1>Dr. Anna Example</h1>" in html
    assert "Moderator" in html
    assert "Launch of the Study" in html


def test_person_with_only_draft_sessions_is_not_found(client):
    participation = factories.ParticipationFactory(
        session__conference__status=Conference.Status.DRAFT
    )

    response = client.get(participation.person.get_absolute_url())

    assert response.status_code == 404


@pytest.mark.parametrize("sessions", [1, 3])
def test_person_page_query_count_does_not_grow(
    client, sessions, django_assert_num_queries
):
    person = factories.PersonFactory()
    for _ in range(sessions):
        link = factories.ParticipationFactory(person=person)
        factories.SessionOrganiserFactory(session=link.session)

    # person, participations with sessions (the ETag needs no query)
    with django_assert_num_queries(2):
        client.get(person.get_absolute_url())


def test_person_page_in_russian(client):
    participation = factories.ParticipationFactory(role="moderator")

    response = client.get(
        f"/ru/speakers/{participation.person.slug}/",
    )

    assert "Модератор" in response.content.decode()


def test_speaker_page_lists_each_session_once_with_all_roles(client):
    person = factories.PersonFactory(given_name="Kari", family_name="Johnstone")
    session = factories.SessionFactory(title="Opening")
    for role in ("moderator", "speaker", "moderator"):
        factories.ParticipationFactory(session=session, person=person, role=role)

    html = client.get(person.get_absolute_url()).content.decode()

    assert html.count(">Opening</a>") == 1
    assert '<span class="role">Moderator, Speaker</span>' in html
