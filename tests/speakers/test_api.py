"""People and participations in the API."""

import pytest

from events.models import Deletion
from speakers.models import Participation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uncached(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False


def test_people_of_draft_sessions_are_hidden_from_the_public(api_client):
    public = factories.ParticipationFactory()
    factories.ParticipationFactory(session__is_published=False)
    factories.PersonFactory()

    rows = api_client.get("/api/v1/people/").json()["results"]

    assert [row["id"] for row in rows] == [public.person_id]


def test_person_nests_organisation_and_visible_participations(api_client):
    person = factories.PersonFactory(
        organisation=factories.OrganisationFactory(name="UNODC", slug="unodc")
    )
    shown = factories.ParticipationFactory(person=person, role="moderator")
    factories.ParticipationFactory(person=person, session__is_published=False)

    row = api_client.get(f"/api/v1/people/{person.pk}/").json()

    assert row["organisation"] == {
        "id": person.organisation_id,
        "name": "UNODC",
        "short_name": person.organisation.short_name,
        "slug": "unodc",
    }
    assert row["participations"] == [
        {
            "id": shown.pk,
            "session": shown.session_id,
            "session_title": shown.session.title,
            "conference": shown.session.conference.slug,
            "agenda_item": None,
            "role": "moderator",
            "joins_online": False,
            "to_be_confirmed": False,
        }
    ]
    assert row["url"] == f"http://testserver/en/speakers/{person.slug}/"


def test_participation_nests_its_person(api_client):
    participation = factories.ParticipationFactory(person__slug="anna")

    row = api_client.get(f"/api/v1/participations/{participation.pk}/").json()

    assert (row["session"], row["person"]["slug"], row["role"]) == (
        participation.session_id,
        "anna",
        "speaker",
    )


def test_editor_adds_a_speaker_and_the_session_counts_as_changed(
    api_client, programme_editor
):
    session = factories.SessionFactory()
    person = factories.PersonFactory()
    before = session.updated_at
    api_client.force_authenticate(programme_editor)

    response = api_client.post(
        "/api/v1/participations/",
        {"session": session.pk, "person": person.pk, "role": "keynote"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["person"]["id"] == person.pk
    session.refresh_from_db()
    assert session.updated_at > before


def test_editor_creates_a_person_answered_in_the_read_shape(
    api_client, programme_editor
):
    organisation = factories.OrganisationFactory()
    api_client.force_authenticate(programme_editor)

    response = api_client.post(
        "/api/v1/people/",
        {"family_name": "Novak", "slug": "novak", "organisation": organisation.pk},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["organisation"]["id"] == organisation.pk
    assert response.json()["participations"] == []


def test_deleting_a_person_leaves_tombstones_for_them_and_their_parts(
    api_client, programme_editor
):
    participation = factories.ParticipationFactory()
    api_client.force_authenticate(programme_editor)

    response = api_client.delete(f"/api/v1/people/{participation.person_id}/")

    assert response.status_code == 204
    assert Participation.objects.count() == 0
    assert sorted(Deletion.objects.values_list("resource", "object_id")) == [
        ("participation", participation.pk),
        ("person", participation.person_id),
    ]


def test_people_list_query_count_does_not_grow(api_client, django_assert_num_queries):
    for _ in range(5):
        factories.ParticipationFactory(
            person__organisation=factories.OrganisationFactory()
        )

    # count, page, participations (ETag and Last-Modified: no query)
    with django_assert_num_queries(3):
        api_client.get("/api/v1/people/")


def test_adding_a_double_booked_person_warns_in_the_answer(
    api_client, programme_editor
):
    api_client.force_authenticate(programme_editor)
    person = factories.PersonFactory()
    booked = factories.SessionFactory(title="Opening")
    factories.ParticipationFactory(session=booked, person=person)
    clash = factories.SessionFactory(
        conference=booked.conference, start=booked.start, title="Side event"
    )
    free = factories.SessionFactory(
        conference=booked.conference, start=booked.end, title="Later"
    )

    response = api_client.post(
        "/api/v1/participations/",
        {"session": clash.pk, "person": person.pk, "role": "speaker"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["double_bookings"] == [
        {
            "session": booked.pk,
            "title": "Opening",
            "start": "2026-04-20T16:45:00+02:00",
            "end": "2026-04-20T17:45:00+02:00",
        }
    ]

    response = api_client.post(
        "/api/v1/participations/",
        {"session": free.pk, "person": person.pk, "role": "speaker"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["double_bookings"] == []
    assert (
        "double_bookings"
        not in api_client.get(f"/api/v1/participations/{response.json()['id']}/").json()
    )
