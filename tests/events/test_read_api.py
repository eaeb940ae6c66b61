"""The read contract of the conferences and sessions endpoints that clients rely on."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Conference
from tests import factories

pytestmark = pytest.mark.django_db


def results(response) -> list[dict]:
    body = response.json()
    return body["results"] if isinstance(body, dict) else body


def test_conferences_list_shows_published_conferences_only(api_client):
    published = factories.ConferenceFactory(title="26th Alliance conference")
    factories.ConferenceFactory(status=Conference.Status.DRAFT)

    response = api_client.get("/api/v1/conferences/")

    assert response.status_code == 200
    assert [c["slug"] for c in results(response)] == [published.slug]
    assert results(response)[0]["title"] == "26th Alliance conference"


def test_session_carries_everything_a_client_needs_in_one_request(api_client):
    session = factories.SessionFactory(title="Launch of the Study")
    factories.SessionOrganiserFactory(
        session=session, organisation__name="United Kingdom Delegation to the OSCE"
    )
    item = factories.AgendaItemFactory(session=session, title="Keynote Speaker")
    factories.ParticipationFactory(
        session=session,
        agenda_item=item,
        role="keynote",
        joins_online=True,
        person__honorific="Mr.",
        person__given_name="Ryan",
        person__family_name="Winch",
        person__position="Programme Manager, Bali Process Regional Support Office",
    )

    response = api_client.get("/api/v1/sessions/")

    assert response.status_code == 200
    [data] = results(response)
    assert data["title"] == "Launch of the Study"
    assert data["start"] == "2026-04-20T16:45:00+02:00"
    assert data["end"] == "2026-04-20T17:45:00+02:00"
    assert data["room"]["name"] == session.room.name
    assert [o["name"] for o in data["organisers"]] == [
        "United Kingdom Delegation to the OSCE"
    ]
    assert data["online_access"]["meeting_id"] == "955 2462 7222"
    assert data["online_access"]["passcode"] == "78170555"
    assert data["interpretation_languages"] == ["en", "ru"]
    assert [a["title"] for a in data["agenda_items"]] == ["Keynote Speaker"]
    [participant] = data["participants"]
    assert participant["name"] == "Ryan Winch"
    assert participant["honorific"] == "Mr."
    assert participant["role"] == "keynote"
    assert (
        participant["position"]
        == "Programme Manager, Bali Process Regional Support Office"
    )
    assert participant["joins_online"] is True
    assert data["url"] == f"http://testserver{session.get_absolute_url()}"


def test_unpublished_session_is_hidden_from_anonymous_clients(api_client):
    factories.SessionFactory(is_published=False)

    assert results(api_client.get("/api/v1/sessions/")) == []


def test_public_session_page_answers(client):
    session = factories.SessionFactory(title="Launch of the Study")

    response = client.get(session.get_absolute_url())

    assert response.status_code == 200
    assert "Launch of the Study" in response.text


def queries_for_session_list(api_client, count: int) -> int:
    conference = factories.ConferenceFactory()
    for session in factories.SessionFactory.create_batch(
        count, conference=conference, room=None
    ):
        factories.SessionOrganiserFactory(session=session)
        factories.ParticipationFactory(session=session)
        factories.AgendaItemFactory(session=session)
        factories.SessionSectionFactory(session=session)
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/sessions/", {"conference": conference.slug})
    assert response.status_code == 200
    assert len(results(response)) == min(count, 100)
    return len(queries)


def test_sessions_endpoint_query_count_is_the_same_for_5_and_200_sessions(api_client):
    few = queries_for_session_list(api_client, 5)
    many = queries_for_session_list(api_client, 200)

    assert few == many
    assert many <= 12
