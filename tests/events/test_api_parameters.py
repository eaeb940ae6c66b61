"""Query parameters fail loudly: an unknown name or a malformed value is a 400."""

import pytest

from events.api.common import COMMON_QUERY_PARAMETERS
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uncached(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False


@pytest.fixture
def session():
    conference = factories.ConferenceFactory(slug="alliance-26")
    return factories.SessionFactory(conference=conference, slug="opening")


def test_an_unknown_parameter_is_a_400_listing_the_accepted_ones(api_client, session):
    response = api_client.get("/api/v1/sessions/?start_after=garbage")

    assert response.status_code == 400
    assert list(response.json()) == ["start_after"]
    message = response.json()["start_after"][0]
    assert message.startswith("Unknown query parameter. Accepted: ")
    accepted = message.removeprefix("Unknown query parameter. Accepted: ")
    assert accepted.rstrip(".").split(", ") == sorted(
        [
            "attendance_mode",
            "conference",
            "date",
            "date_from",
            "date_to",
            "is_published",
            "kind",
            "ordering",
            "organisation",
            "page",
            "page_size",
            "person",
            "q",
            "role",
            "room",
            "room_id",
            "updated_since",
            *COMMON_QUERY_PARAMETERS,
        ]
    )


@pytest.mark.parametrize(
    "path",
    [
        "conferences/",
        "conferences/alliance-26/",
        "sessions/",
        "rooms/",
        "organisations/",
        "people/",
        "participations/",
        "agenda-items/",
        "session-organisers/",
        "session-sections/",
        "deletions/",
    ],
)
def test_every_resource_refuses_an_unknown_parameter(api_client, session, path):
    response = api_client.get(f"/api/v1/{path}?colour=red")

    assert response.status_code == 400
    assert "Unknown query parameter" in response.json()["colour"][0]


def test_known_parameters_are_accepted(api_client, session):
    response = api_client.get(
        "/api/v1/sessions/?conference=alliance-26&page=1&page_size=10"
        "&ordering=-start&format=json"
    )

    assert response.status_code == 200
    assert [row["slug"] for row in response.json()["results"]] == ["opening"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("date=2026-02-30", "date"),
        ("updated_since=yesterday", "updated_since"),
        ("room_id=abc", "room_id"),
        ("kind=party", "kind"),
        ("ordering=colour", "ordering"),
        ("ordering=start,-colour", "ordering"),
    ],
)
def test_a_malformed_value_is_a_400_naming_the_parameter(
    api_client, session, query, parameter
):
    response = api_client.get(f"/api/v1/sessions/?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [parameter]


@pytest.mark.parametrize(
    "path",
    [
        "sessions/?conference=nowhere",
        "sessions/?room=nowhere",
        "rooms/?conference=nowhere",
        "organisations/?conference=nowhere",
        "people/?conference=nowhere",
        "participations/?session=999999",
        "agenda-items/?session=999999",
        "session-organisers/?session=999999",
        "session-sections/?session=999999",
    ],
)
def test_a_well_formed_reference_to_nothing_is_an_empty_list(api_client, session, path):
    response = api_client.get(f"/api/v1/{path}")

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_draft_session_id_answers_as_one_that_does_not_exist(api_client, session):
    draft = factories.SessionFactory(
        conference=session.conference, slug="draft", is_published=False
    )
    factories.AgendaItemFactory(session=draft)

    response = api_client.get(f"/api/v1/agenda-items/?session={draft.pk}")

    assert response.status_code == 200
    assert response.json()["results"] == []
