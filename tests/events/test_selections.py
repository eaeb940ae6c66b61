"""My programme's selections: made, changed and deleted anonymously through the API."""

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from events.models import Selection, hash_selection_key
from events.selections import MAX_SESSIONS
from events.version import programme_version
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/selections/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    caches["ratelimit"].clear()


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient(enforce_csrf_checks=True)


@pytest.fixture
def sessions():
    conference = factories.ConferenceFactory(slug="alliance-26")
    return [
        factories.SessionFactory(conference=conference, slug=f"s{n}") for n in range(3)
    ]


def create(client, conference="alliance-26", ids=()):
    return client.post(
        URL, {"conference": conference, "sessions": list(ids)}, format="json"
    )


def test_anybody_creates_a_selection_and_gets_its_feed(anonymous, sessions):
    ids = [sessions[2].pk, sessions[0].pk, sessions[2].pk]

    response = create(anonymous, ids=ids)

    assert response.status_code == 201
    body = response.json()
    key = body["id"]
    assert len(key) >= 22
    assert body["conference"] == "alliance-26"
    assert body["sessions"] == [sessions[2].pk, sessions[0].pk]
    assert body["feed_url"] == f"http://testserver/feeds/alliance-26/my/{key}.ics"
    assert body["webcal_url"] == f"webcal://testserver/feeds/alliance-26/my/{key}.ics"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    stored = Selection.objects.get()
    assert stored.key_hash == hash_selection_key(key)
    assert key not in stored.key_hash
    assert stored.session_ids == [sessions[2].pk, sessions[0].pk]


def test_two_selections_get_different_keys(anonymous, sessions):
    first = create(anonymous, ids=[sessions[0].pk]).json()["id"]
    second = create(anonymous, ids=[sessions[0].pk]).json()["id"]

    assert first != second


def test_a_selection_does_not_move_the_programme_version(anonymous, sessions):
    before = programme_version().token

    key = create(anonymous, ids=[sessions[0].pk]).json()["id"]
    anonymous.put(f"{URL}{key}/", {"sessions": []}, format="json")
    anonymous.delete(f"{URL}{key}/")

    assert programme_version().token == before


def test_it_is_read_replaced_and_deleted_by_its_id(anonymous, sessions):
    key = create(anonymous, ids=[sessions[0].pk]).json()["id"]

    read = anonymous.get(f"{URL}{key}/")
    replaced = anonymous.put(
        f"{URL}{key}/", {"sessions": [sessions[1].pk, sessions[2].pk]}, format="json"
    )
    deleted = anonymous.delete(f"{URL}{key}/")
    again = anonymous.get(f"{URL}{key}/")

    assert read.status_code == 200
    assert read.json()["sessions"] == [sessions[0].pk]
    assert read["Cache-Control"] == "no-store"
    assert replaced.status_code == 200
    assert replaced.json()["sessions"] == [sessions[1].pk, sessions[2].pk]
    assert replaced.json()["id"] == key
    assert deleted.status_code == 204
    assert again.status_code == 404
    assert again.json() == {"detail": "No selection has this id."}
    assert Selection.objects.count() == 0


def test_an_unknown_id_is_a_404_for_every_verb(anonymous, sessions):
    key = "x" * 22

    answers = [
        anonymous.get(f"{URL}{key}/").status_code,
        anonymous.put(f"{URL}{key}/", {"sessions": []}, format="json").status_code,
        anonymous.delete(f"{URL}{key}/").status_code,
    ]

    assert answers == [404, 404, 404]


def test_a_signed_in_cookie_is_ignored_and_no_csrf_token_is_needed(
    client, sessions, programme_editor
):
    client.force_login(programme_editor)
    api = APIClient(enforce_csrf_checks=True)
    api.cookies = client.cookies

    response = create(api, ids=[sessions[0].pk])

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"sessions": []}, "conference", "This field is required."),
        (
            {"conference": "nope", "sessions": []},
            "conference",
            "Object with slug=nope does not exist.",
        ),
        ({"conference": "alliance-26"}, "sessions", "This field is required."),
        (
            {"conference": "alliance-26", "sessions": "1,2"},
            "sessions",
            'Expected a list of items but got type "str".',
        ),
        (
            {"conference": "alliance-26", "sessions": [0]},
            "sessions",
            {"0": ["Ensure this value is greater than or equal to 1."]},
        ),
        (
            {"conference": "alliance-26", "sessions": ["a"]},
            "sessions",
            {"0": ["A valid integer is required."]},
        ),
        (
            {"conference": "alliance-26", "sessions": list(range(1, MAX_SESSIONS + 2))},
            "sessions",
            f"Ensure this field has no more than {MAX_SESSIONS} elements.",
        ),
    ],
)
def test_bad_input_is_a_400_naming_the_field(anonymous, sessions, body, field, message):
    response = anonymous.post(URL, body, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert errors[field] == (message if isinstance(message, dict) else [message])
    assert Selection.objects.count() == 0


def test_a_body_that_is_not_json_is_a_400(anonymous, sessions):
    response = anonymous.post(URL, "{", content_type="application/json")

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_sessions_of_another_conference_drafts_and_unknown_ids_are_refused(
    anonymous, sessions
):
    other = factories.SessionFactory()
    draft = factories.SessionFactory(
        conference=sessions[0].conference, is_published=False
    )

    response = create(anonymous, ids=[sessions[0].pk, other.pk, draft.pk, 999999])

    assert response.status_code == 400
    assert response.json() == {
        "sessions": [
            "No published session of this conference has the id "
            f"{other.pk}, {draft.pk}, 999999."
        ]
    }


def test_an_unpublished_conference_takes_no_selection(anonymous):
    session = factories.SessionFactory(
        conference__slug="draft-conf", conference__status="draft"
    )

    response = create(anonymous, "draft-conf", [session.pk])

    assert response.status_code == 400
    assert list(response.json()) == ["conference"]


def test_a_replace_stays_in_the_selections_conference(anonymous, sessions):
    key = create(anonymous, ids=[sessions[0].pk]).json()["id"]
    other = factories.SessionFactory(conference__slug="other")

    moved = anonymous.put(
        f"{URL}{key}/", {"conference": "other", "sessions": [other.pk]}, format="json"
    )
    foreign = anonymous.put(f"{URL}{key}/", {"sessions": [other.pk]}, format="json")

    assert moved.status_code == 400
    assert moved.json() == {"conference": ["A selection stays in its conference."]}
    assert foreign.status_code == 400
    assert list(foreign.json()) == ["sessions"]
    assert Selection.objects.get().session_ids == [sessions[0].pk]


def test_errors_follow_the_language_asked_for(anonymous, sessions):
    response = anonymous.post(
        f"{URL}?lang=ru",
        {"conference": "alliance-26", "sessions": [999999]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["sessions"][0].startswith("Нет опубликованного")


def test_an_unknown_query_parameter_is_a_400(anonymous, sessions):
    response = anonymous.post(
        f"{URL}?sessions=1",
        {"conference": "alliance-26", "sessions": []},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["sessions"]


def test_writes_are_rate_limited_per_address(anonymous, sessions, settings):
    settings.RATELIMIT_SELECTIONS = "2/h"

    answers = [create(anonymous, ids=[sessions[0].pk]).status_code for _ in range(3)]
    key = Selection.objects.first()
    read = anonymous.get(f"{URL}{'y' * 22}/")

    assert answers == [201, 201, 429]
    assert key is not None
    assert read.status_code == 404  # reads are not counted


def test_query_counts_do_not_grow_with_the_selection(
    anonymous, django_assert_num_queries
):
    conference = factories.ConferenceFactory(slug="alliance-26")
    few = [factories.SessionFactory(conference=conference).pk for _ in range(2)]
    many = [factories.SessionFactory(conference=conference).pk for _ in range(30)]

    # Conference, sessions, the insert, and its savepoint's two statements.
    with django_assert_num_queries(5):
        assert create(anonymous, ids=few).status_code == 201
    with django_assert_num_queries(5):
        assert create(anonymous, ids=few + many).status_code == 201


def test_a_form_body_is_refused_json_only(anonymous, sessions):
    response = anonymous.post(
        URL, {"conference": "alliance-26", "sessions": [sessions[0].pk]}
    )

    assert response.status_code == 415
    assert Selection.objects.count() == 0
