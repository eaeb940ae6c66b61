"""The programme API as clients use it: reads, filters, sync, writes, caching."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.utils import timezone
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token

from events.models import (
    Conference,
    Deletion,
    Organisation,
    Room,
    Session,
    SessionOrganiser,
)
from events.services import save_session_part
from tests import factories

pytestmark = pytest.mark.django_db

VIENNA = factories.VIENNA


@pytest.fixture(autouse=True)
def _uncached(settings) -> None:
    """Watch the API itself, not the shared public cache in front of it."""
    settings.PUBLIC_CACHE_ENABLED = False


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, minute, tzinfo=VIENNA)


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response) -> list[int]:
    return [row["id"] for row in results(response)]


@pytest.fixture
def conference() -> Conference:
    return factories.ConferenceFactory(slug="alliance-26", title="26th Alliance")


# --- Reading ---------------------------------------------------------------------


def test_conference_list_shows_published_conferences_with_feed_links(
    api_client, conference
):
    factories.ConferenceFactory(status=Conference.Status.DRAFT)

    rows = results(api_client.get("/api/v1/conferences/"))

    assert [row["slug"] for row in rows] == ["alliance-26"]
    assert rows[0]["ical_url"] == "http://testserver/feeds/alliance-26/schedule.ics"
    assert rows[0]["schedule_xml_url"] == (
        "http://testserver/feeds/alliance-26/schedule.xml"
    )
    assert rows[0]["schedule_json_url"] == (
        "http://testserver/feeds/alliance-26/schedule.json"
    )
    assert rows[0]["url"] == "http://testserver/en/alliance-26/"


def test_conference_detail_is_looked_up_by_slug(api_client, conference):
    response = api_client.get("/api/v1/conferences/alliance-26/")

    assert response.status_code == 200
    assert response.json()["title"] == "26th Alliance"


def test_session_keeps_its_read_contract_and_adds_its_feed(api_client, conference):
    session = factories.SessionFactory(conference=conference, slug="launch")
    participation = factories.ParticipationFactory(session=session)
    factories.SessionOrganiserFactory(session=session)
    factories.AgendaItemFactory(session=session)

    row = api_client.get(f"/api/v1/sessions/{session.pk}/").json()

    assert list(row) == [
        "id",
        "conference",
        "slug",
        "kind",
        "title",
        "description",
        "start",
        "end",
        "room",
        "attendance_mode",
        "online_access",
        "interpretation_languages",
        "organisers",
        "sections",
        "participants",
        "agenda_items",
        "documents",
        "is_published",
        "updated_at",
        "url",
        "ical_url",
    ]
    assert row["start"] == "2026-04-20T16:45:00+02:00"
    assert row["room"]["venue"] == "hofburg"
    assert row["participants"][0]["id"] == participation.pk
    assert row["participants"][0]["person_id"] == participation.person_id
    assert row["ical_url"] == (
        "http://testserver/feeds/alliance-26/sessions/launch.ics"
    )


def test_drafts_are_hidden_from_anonymous_and_from_staff_without_permission(
    api_client, conference, django_user_model
):
    published = factories.SessionFactory(conference=conference)
    draft = factories.SessionFactory(conference=conference, is_published=False)
    staff = django_user_model.objects.create_user("staff", is_staff=True)

    assert ids(api_client.get("/api/v1/sessions/")) == [published.pk]
    assert api_client.get(f"/api/v1/sessions/{draft.pk}/").status_code == 404
    api_client.force_authenticate(staff)
    assert ids(api_client.get("/api/v1/sessions/")) == [published.pk]


def test_programme_editor_reads_drafts(api_client, conference, programme_editor):
    published = factories.SessionFactory(conference=conference, start=at(20, 9))
    draft = factories.SessionFactory(
        conference=conference, is_published=False, start=at(20, 11)
    )
    api_client.force_authenticate(programme_editor)

    assert ids(api_client.get("/api/v1/sessions/")) == [published.pk, draft.pk]


PART_FACTORIES = {
    "session-organisers": factories.SessionOrganiserFactory,
    "session-sections": factories.SessionSectionFactory,
}


@pytest.mark.parametrize("path", list(PART_FACTORIES))
def test_parts_of_draft_sessions_are_read_by_editors_only(
    api_client, conference, programme_editor, path
):
    make = PART_FACTORIES[path]
    published = make(session__conference=conference, session__start=at(20, 9))
    draft = make(
        session__conference=conference,
        session__start=at(20, 11),
        session__is_published=False,
    )

    assert ids(api_client.get(f"/api/v1/{path}/")) == [published.pk]
    assert api_client.get(f"/api/v1/{path}/{draft.pk}/").status_code == 404
    api_client.force_authenticate(programme_editor)
    assert ids(api_client.get(f"/api/v1/{path}/")) == [published.pk, draft.pk]


def test_session_organisers_and_sections_read_as_resources(api_client, conference):
    session = factories.SessionFactory(conference=conference)
    organiser = factories.SessionOrganiserFactory(
        session=session, role="organiser", order=1
    )
    section = factories.SessionSectionFactory(
        session=session, title="Purpose", body="To share lessons.", order=2
    )

    assert api_client.get(f"/api/v1/session-organisers/{organiser.pk}/").json() == {
        "id": organiser.pk,
        "session": session.pk,
        "conference": "alliance-26",
        "organisation": organiser.organisation_id,
        "role": "organiser",
        "order": 1,
    }
    assert api_client.get(f"/api/v1/session-sections/{section.pk}/").json() == {
        "id": section.pk,
        "session": session.pk,
        "conference": "alliance-26",
        "order": 2,
        "title": "Purpose",
        "body": "To share lessons.",
    }


def test_every_resource_lists_and_details(api_client, conference):
    session = factories.SessionFactory(conference=conference)
    participation = factories.ParticipationFactory(session=session)
    organiser = factories.SessionOrganiserFactory(session=session)
    section = factories.SessionSectionFactory(session=session)
    item = factories.AgendaItemFactory(session=session)

    for path, pk in [
        ("rooms", session.room_id),
        ("organisations", organiser.organisation_id),
        ("people", participation.person_id),
        ("participations", participation.pk),
        ("agenda-items", item.pk),
        ("session-organisers", organiser.pk),
        ("session-sections", section.pk),
        ("sessions", session.pk),
    ]:
        assert ids(api_client.get(f"/api/v1/{path}/")) == [pk]
        detail = api_client.get(f"/api/v1/{path}/{pk}/")
        assert (path, detail.status_code, detail.json()["id"]) == (path, 200, pk)


def test_pagination_and_page_size(api_client, conference):
    factories.SessionFactory.create_batch(
        3, conference=conference, room=None, start=at(20, 9)
    )

    page = api_client.get("/api/v1/sessions/?page_size=2").json()

    assert (page["count"], len(page["results"])) == (3, 2)
    assert page["next"] == "http://testserver/api/v1/sessions/?page=2&page_size=2"
    assert api_client.get("/api/v1/sessions/?page=9").status_code == 404


def test_ordering(api_client, conference):
    early = factories.SessionFactory(conference=conference, title="B", start=at(20, 9))
    late = factories.SessionFactory(conference=conference, title="A", start=at(20, 11))

    assert ids(api_client.get("/api/v1/sessions/?ordering=-start")) == [
        late.pk,
        early.pk,
    ]
    assert ids(api_client.get("/api/v1/sessions/?ordering=title")) == [
        late.pk,
        early.pk,
    ]


# --- Filters ---------------------------------------------------------------------


@pytest.fixture
def programme(conference) -> dict[str, Session]:
    plenary = factories.SessionFactory(
        conference=conference,
        kind=Session.Kind.PLENARY,
        title="Opening plenary on forced criminality",
        start=at(20, 9),
        room__slug="plenary-hall",
    )
    side = factories.SessionFactory(
        conference=conference,
        kind=Session.Kind.SIDE_EVENT,
        title="Launch of the Study",
        start=at(20, 16, 45),
    )
    second_day = factories.SessionFactory(
        conference=conference,
        kind=Session.Kind.SESSION,
        title="Panel on victims",
        start=at(21, 10),
    )
    other = factories.SessionFactory(title="Another conference's session")
    factories.SessionOrganiserFactory(session=side, organisation__slug="unodc")
    person = factories.PersonFactory(slug="anna-moderata", family_name="Moderata")
    factories.ParticipationFactory(session=plenary, person=person, role="moderator")
    factories.ParticipationFactory(session=side, person=person, role="speaker")
    return {"plenary": plenary, "side": side, "day2": second_day, "other": other}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("conference=alliance-26", ["plenary", "side", "day2"]),
        ("date=2026-04-21", ["day2"]),
        (
            "date_from=2026-04-20&date_to=2026-04-20&conference=alliance-26",
            ["plenary", "side"],
        ),
        ("date_from=2026-04-21&conference=alliance-26", ["day2"]),
        ("room=plenary-hall", ["plenary"]),
        ("kind=plenary&kind=session", ["plenary", "day2"]),
        ("organisation=unodc", ["side"]),
        ("person=anna-moderata", ["plenary", "side"]),
        ("person=anna-moderata&role=moderator", ["plenary"]),
        ("role=speaker", ["side"]),
        ("q=forced criminality", ["plenary"]),
        ("q=study", ["side"]),
        ("q=moderata", ["plenary", "side"]),
    ],
)
def test_session_filters(api_client, programme, query, expected):
    response = api_client.get(f"/api/v1/sessions/?{query}")

    assert ids(response) == [programme[name].pk for name in expected]


def test_room_filter_by_id(api_client, programme):
    room_id = programme["side"].room_id

    assert ids(api_client.get(f"/api/v1/sessions/?room_id={room_id}")) == [
        programme["side"].pk
    ]


@pytest.mark.parametrize(
    "query",
    [
        "date=tomorrow",
        "kind=party",
        "role=dancer",
        "updated_since=yesterday",
        "room_id=abc",
    ],
)
def test_bad_filter_values_are_400_naming_the_parameter(api_client, query):
    response = api_client.get(f"/api/v1/sessions/?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [query.split("=")[0]]


def test_filters_of_other_resources(api_client, programme):
    side = programme["side"]
    organisation = side.organisers.get().organisation
    person_ids = ids(api_client.get("/api/v1/people/?conference=alliance-26"))

    assert len(person_ids) == 1
    assert ids(api_client.get("/api/v1/people/?role=moderator")) == person_ids
    assert ids(api_client.get("/api/v1/people/?q=moderata")) == person_ids
    assert ids(api_client.get("/api/v1/people/?q=nobody")) == []
    assert ids(api_client.get(f"/api/v1/people/?session={side.pk}")) == person_ids
    assert ids(api_client.get("/api/v1/organisations/?conference=alliance-26")) == [
        organisation.pk
    ]
    assert ids(api_client.get("/api/v1/organisations/?q=Organisation")) == [
        organisation.pk
    ]
    assert ids(
        api_client.get("/api/v1/participations/?person=anna-moderata&role=speaker")
    ) == [side.participations.get().pk]
    elsewhere = factories.RoomFactory(venue__slug="elsewhere")
    # the conference's venue (Hofburg) holds every other room of the fixture
    assert elsewhere.pk not in ids(api_client.get("/api/v1/rooms/?venue=hofburg"))
    assert ids(api_client.get("/api/v1/rooms/?conference=alliance-26")) == list(
        Room.objects.filter(venue__slug="hofburg")
        .order_by("order", "name", "id")
        .values_list("pk", flat=True)
    )
    assert ids(api_client.get("/api/v1/agenda-items/?conference=nothing")) == []


def test_filters_of_session_organisers_and_sections(api_client, programme):
    side = programme["side"]
    organiser = side.organisers.get()
    section = factories.SessionSectionFactory(session=side)
    factories.SessionOrganiserFactory(session=programme["other"], role="organiser")
    factories.SessionSectionFactory(session=programme["other"])

    for query in (
        "conference=alliance-26",
        "organisation=unodc",
        f"session={side.pk}",
        "role=co_organiser",
    ):
        assert ids(api_client.get(f"/api/v1/session-organisers/?{query}")) == [
            organiser.pk
        ]
    for query in ("conference=alliance-26", f"session={side.pk}"):
        assert ids(api_client.get(f"/api/v1/session-sections/?{query}")) == [section.pk]


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("rooms", "updated_since=yesterday"),
        ("session-organisers", "updated_since=yesterday"),
        ("session-organisers", "session=abc"),
        ("session-organisers", "role=sponsor"),
        ("session-sections", "updated_since=2026-02-30T00:00:00Z"),
        ("session-sections", "session=abc"),
    ],
)
def test_bad_filter_values_of_other_resources_are_400_naming_the_parameter(
    api_client, path, query
):
    response = api_client.get(f"/api/v1/{path}/?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [query.split("=")[0]]


# --- Incremental sync --------------------------------------------------------------


def test_updated_since_returns_only_what_changed(api_client, conference):
    old = factories.SessionFactory(conference=conference, start=at(20, 9))
    changed = factories.SessionFactory(conference=conference, start=at(20, 11))
    Session.objects.filter(pk__in=[old.pk, changed.pk]).update(
        updated_at=timezone.now() - dt.timedelta(days=2)
    )
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    changed.title = "Renamed"
    changed.save()

    response = api_client.get("/api/v1/sessions/", {"updated_since": since})

    assert ids(response) == [changed.pk]


def test_a_new_speaker_counts_as_a_change_of_the_session(api_client, conference):
    session = factories.SessionFactory(conference=conference)
    Session.objects.filter(pk=session.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=2)
    )
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert ids(api_client.get("/api/v1/sessions/", {"updated_since": since})) == []

    factories.ParticipationFactory(session=session)

    assert ids(api_client.get("/api/v1/sessions/", {"updated_since": since})) == [
        session.pk
    ]


def test_unpublished_session_is_gone_for_the_public_not_for_editors(
    api_client, conference, programme_editor
):
    session = factories.SessionFactory(conference=conference)
    before = timezone.now().isoformat()
    session.is_published = False
    session.save()

    rows = results(api_client.get("/api/v1/deletions/", {"since": before}))
    assert [(row["resource"], row["id"]) for row in rows] == [("session", session.pk)]
    api_client.force_authenticate(programme_editor)
    assert results(api_client.get("/api/v1/deletions/", {"since": before})) == []


def test_rooms_updated_since_returns_only_changed_and_new_rooms(
    api_client, programme_editor
):
    old, changed = factories.RoomFactory.create_batch(2)
    Room.objects.update(updated_at=timezone.now() - dt.timedelta(days=2))
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    changed.capacity = 120
    changed.save()
    api_client.force_authenticate(programme_editor)
    created = api_client.post(
        "/api/v1/rooms/",
        {"name": "Neuer Saal", "slug": "neuer-saal", "venue": "hofburg"},
        format="json",
    )
    api_client.force_authenticate(None)

    response = api_client.get("/api/v1/rooms/", {"updated_since": since})

    assert created.status_code == 201
    assert sorted(ids(response)) == sorted([changed.pk, created.json()["id"]])
    assert old.pk not in ids(response)
    assert "Last-Modified" in response


@pytest.mark.parametrize("path", list(PART_FACTORIES))
def test_session_parts_count_as_changed_with_their_session(
    api_client, conference, path
):
    make = PART_FACTORIES[path]
    make(session__conference=conference, session__start=at(20, 9))
    changed = make(session__conference=conference, session__start=at(20, 11))
    Session.objects.update(updated_at=timezone.now() - dt.timedelta(days=2))
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert ids(api_client.get(f"/api/v1/{path}/", {"updated_since": since})) == []

    changed.order = 5
    save_session_part(changed)

    assert ids(api_client.get(f"/api/v1/{path}/", {"updated_since": since})) == [
        changed.pk
    ]


def test_deletions_since_must_be_a_moment(api_client):
    response = api_client.get("/api/v1/deletions/?since=soon")

    assert response.status_code == 400
    assert list(response.json()) == ["since"]


# --- Writing: permissions ------------------------------------------------------------


@pytest.fixture
def users(django_user_model, programme_editor) -> dict:
    return {
        "anonymous": None,
        "user": django_user_model.objects.create_user("user"),
        "staff": django_user_model.objects.create_user("staff", is_staff=True),
        "editor": programme_editor,
        "superuser": django_user_model.objects.create_superuser("root"),
    }


def payloads(conference: Conference) -> dict[str, dict]:
    """For each writable resource: a valid new object."""
    room = factories.RoomFactory()
    session = factories.SessionFactory(conference=conference, start=at(21, 9))
    person = factories.PersonFactory()
    return {
        "conferences": {
            "title": "Expert meeting",
            "slug": "expert-meeting",
            "start_date": "2026-06-01",
            "end_date": "2026-06-01",
            "venue": "hofburg",
        },
        "sessions": {
            "conference": conference.slug,
            "title": "Networking",
            "slug": "networking",
            "start": "2026-04-20T18:00:00+02:00",
            "end": "2026-04-20T19:00:00+02:00",
            "room": room.pk,
        },
        "rooms": {"name": "Neuer Saal", "slug": "neuer-saal", "venue": "hofburg"},
        "organisations": {"name": "UN Women", "slug": "un-women"},
        "people": {"family_name": "Novak", "slug": "novak"},
        "participations": {"session": session.pk, "person": person.pk},
        "agenda-items": {"session": session.pk, "title": "Questions"},
        "session-organisers": {
            "session": session.pk,
            "organisation": factories.OrganisationFactory().pk,
        },
        "session-sections": {
            "session": session.pk,
            "title": "Purpose",
            "body": "To share lessons learned.",
        },
    }


ALLOWED = {"anonymous": 401, "user": 403, "staff": 403, "editor": 201, "superuser": 201}


@pytest.mark.parametrize("who", list(ALLOWED))
def test_permissions_to_create(api_client, conference, users, who):
    api_client.force_authenticate(users[who])

    answers = {
        path: api_client.post(f"/api/v1/{path}/", data, format="json").status_code
        for path, data in payloads(conference).items()
    }

    assert answers == dict.fromkeys(answers, ALLOWED[who])


def existing(conference: Conference) -> dict[str, str]:
    session = factories.SessionFactory(conference=conference, start=at(21, 9))
    participation = factories.ParticipationFactory(session=session)
    return {
        "conferences": conference.slug,
        "sessions": str(session.pk),
        "rooms": str(factories.RoomFactory().pk),
        "organisations": str(factories.OrganisationFactory().pk),
        "people": str(factories.PersonFactory().pk),
        "participations": str(participation.pk),
        "agenda-items": str(factories.AgendaItemFactory(session=session).pk),
        "session-organisers": str(
            factories.SessionOrganiserFactory(session=session).pk
        ),
        "session-sections": str(factories.SessionSectionFactory(session=session).pk),
    }


UPDATES = {
    "conferences": {"theme": "New theme"},
    "sessions": {"title": "New title"},
    "rooms": {"capacity": 12},
    "organisations": {"short_name": "NEW"},
    "people": {"position": "Director"},
    "participations": {"role": "moderator"},
    "agenda-items": {"title": "New item"},
    "session-organisers": {"role": "organiser"},
    "session-sections": {"title": "Background"},
}


@pytest.mark.parametrize("who", list(ALLOWED))
def test_permissions_to_update(api_client, conference, users, who):
    targets = existing(conference)
    api_client.force_authenticate(users[who])

    answers = {
        path: api_client.patch(
            f"/api/v1/{path}/{key}/", UPDATES[path], format="json"
        ).status_code
        for path, key in targets.items()
    }

    expected = {"editor": 200, "superuser": 200}.get(who, ALLOWED[who])
    assert answers == dict.fromkeys(answers, expected)


@pytest.mark.parametrize("who", list(ALLOWED))
def test_permissions_to_delete(api_client, conference, users, who):
    targets = existing(conference)
    api_client.force_authenticate(users[who])

    # Children before parents, so that nothing is still in use.
    order = ["agenda-items", "session-organisers", "session-sections"]
    order += ["participations", "people", "organisations", "rooms"]
    order += ["sessions", "conferences"]
    answers = {
        path: api_client.delete(f"/api/v1/{path}/{targets[path]}/").status_code
        for path in order
    }

    expected = {"editor": 204, "superuser": 204}.get(who, ALLOWED[who])
    assert answers == dict.fromkeys(answers, expected)


def test_token_authentication_lets_an_editor_write(
    api_client, conference, programme_editor
):
    token = Token.objects.create(user=programme_editor)
    session = factories.SessionFactory(conference=conference)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.patch(
        f"/api/v1/sessions/{session.pk}/", {"title": "Renamed"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["title"] == "Renamed"
    assert response.json()["room"]["id"] == session.room_id


def test_bad_token_is_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token nonsense")

    response = api_client.get("/api/v1/sessions/")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_created_session_answers_with_the_read_representation(
    api_client, conference, programme_editor
):
    api_client.force_authenticate(programme_editor)
    data = payloads(conference)["sessions"]

    response = api_client.post("/api/v1/sessions/", data, format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["start"], body["room"]["id"]) == (
        "Networking",
        "2026-04-20T18:00:00+02:00",
        data["room"],
    )


# --- Writing: the admin's rules, and bad input ---------------------------------------


@pytest.fixture
def editor_client(api_client, programme_editor):
    api_client.force_authenticate(programme_editor)
    return api_client


def test_overlapping_session_is_400_naming_room_and_other_session(
    editor_client, conference
):
    taken = factories.SessionFactory(
        conference=conference, title="Launch of the Study", start=at(20, 16, 45)
    )

    response = editor_client.post(
        "/api/v1/sessions/",
        {
            "conference": conference.slug,
            "title": "Clash",
            "slug": "clash",
            "start": "2026-04-20T17:00:00+02:00",
            "end": "2026-04-20T18:00:00+02:00",
            "room": taken.room_id,
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "room": [
            f"{taken.room.name} is already taken at this time by “Launch of the "
            "Study” (20 April 2026, 16:45–17:45)."
        ]
    }


@pytest.mark.postgres
def test_concurrent_overlap_caught_by_the_database_is_400_too(
    editor_client, conference, monkeypatch
):
    """If another writer took the room after validation, PostgreSQL refuses it."""
    taken = factories.SessionFactory(
        conference=conference, title="First", start=at(20, 16, 45)
    )
    monkeypatch.setattr(Session, "clean", lambda self: None)

    response = editor_client.post(
        "/api/v1/sessions/",
        {
            "conference": conference.slug,
            "title": "Second",
            "slug": "second",
            "start": "2026-04-20T17:00:00+02:00",
            "end": "2026-04-20T18:00:00+02:00",
            "room": taken.room_id,
        },
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["room"]
    assert "“First”" in response.json()["room"][0]
    assert Session.objects.count() == 1


def session_payload(of: Conference, **changes) -> dict:
    return {
        "conference": of.slug,
        "title": "Networking",
        "slug": "networking",
        "start": "2026-04-20T18:00:00+02:00",
        "end": "2026-04-20T19:00:00+02:00",
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end": "2026-04-20T17:00:00+02:00"}, "end"),
        (
            {"start": "2026-05-20T18:00:00+02:00", "end": "2026-05-20T19:00:00+02:00"},
            "start",
        ),
        ({"start": "yesterday"}, "start"),
        ({"start": 12}, "start"),
        ({"room": 999999}, "room"),
        ({"room": 10**30}, "room"),
        ({"room": "abc"}, "room"),
        ({"conference": "no-such-conference"}, "conference"),
        ({"title": "x" * 501}, "title"),
        ({"title": ""}, "title"),
        ({"title": "a\x00b"}, "title"),
        ({"title": ["list"]}, "title"),
        ({"kind": "party"}, "kind"),
        ({"interpretation_languages": ["xx"]}, "interpretation_languages"),
        ({"interpretation_languages": "en"}, "interpretation_languages"),
        ({"online_join_url": "not a url"}, "online_join_url"),
        ({"slug": "not a slug"}, "slug"),
        ({"start": "9999-12-31T23:59:59-12:00"}, "start"),
    ],
)
def test_bad_session_input_is_400_naming_the_field(
    editor_client, conference, changes, field
):
    response = editor_client.post(
        "/api/v1/sessions/", session_payload(conference, **changes), format="json"
    )

    assert response.status_code == 400
    assert field in response.json()


def test_duplicate_slug_is_400(editor_client, conference):
    factories.SessionFactory(conference=conference, slug="networking", room=None)

    response = editor_client.post(
        "/api/v1/sessions/", session_payload(conference), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_malformed_json_is_400(editor_client):
    response = editor_client.generic(
        "POST", "/api/v1/sessions/", '{"title": ', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_json_that_is_not_an_object_is_400(editor_client):
    response = editor_client.post("/api/v1/sessions/", [1, 2], format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


@pytest.mark.parametrize(
    ("path", "data", "field"),
    [
        ("conferences", {"end_date": "2026-04-01"}, "end_date"),
        ("conferences", {"time_zone": "Mars/Olympus"}, "time_zone"),
        ("conferences", {"venue": "nowhere"}, "venue"),
        ("organisations", {"other_names": "OSCE"}, "other_names"),
        ("organisations", {"other_names": ["a\x00"]}, "other_names"),
        ("organisations", {"website": "ftp//x"}, "website"),
        ("rooms", {"capacity": -1}, "capacity"),
        ("rooms", {"venue": "nowhere"}, "venue"),
        ("people", {"organisation": 999999}, "organisation"),
        ("people", {"family_name": "x" * 101}, "family_name"),
        ("participations", {"role": "dancer"}, "role"),
        ("participations", {"person": "abc"}, "person"),
        (
            "agenda-items",
            {"end": "2026-04-20T08:00:00+02:00", "start": "2026-04-20T09:00:00+02:00"},
            "end",
        ),
        ("agenda-items", {"session": None}, "session"),
        ("session-organisers", {"organisation": 999999}, "organisation"),
        ("session-organisers", {"role": "sponsor"}, "role"),
        ("session-organisers", {"session": None}, "session"),
        ("session-sections", {"title": ""}, "title"),
        ("session-sections", {"body": None}, "body"),
        ("session-sections", {"order": -1}, "order"),
    ],
)
def test_bad_input_to_other_resources_is_400(
    editor_client, conference, path, data, field
):
    key = existing(conference)[path]

    response = editor_client.patch(f"/api/v1/{path}/{key}/", data, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_agenda_item_of_another_session_is_refused_for_a_participation(
    editor_client, conference
):
    participation = factories.ParticipationFactory(session__conference=conference)
    other_item = factories.AgendaItemFactory()

    response = editor_client.patch(
        f"/api/v1/participations/{participation.pk}/",
        {"agenda_item": other_item.pk},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "agenda_item": ["The agenda item belongs to another session."]
    }


def test_deleting_a_room_in_use_is_409_naming_the_sessions(editor_client, conference):
    session = factories.SessionFactory(conference=conference, title="Launch")

    response = editor_client.delete(f"/api/v1/rooms/{session.room_id}/")

    assert response.status_code == 409
    assert "Launch" in response.json()["detail"]
    assert Room.objects.filter(pk=session.room_id).exists()


def test_deletion_through_the_api_leaves_a_tombstone(editor_client, conference):
    organisation = factories.OrganisationFactory()

    editor_client.delete(f"/api/v1/organisations/{organisation.pk}/")

    assert list(Deletion.objects.values_list("resource", "object_id")) == [
        ("organisation", organisation.pk)
    ]


@pytest.mark.parametrize(
    ("path", "make", "resource"),
    [
        ("rooms", factories.RoomFactory, "room"),
        ("session-organisers", factories.SessionOrganiserFactory, "session_organiser"),
        ("session-sections", factories.SessionSectionFactory, "session_section"),
    ],
)
def test_a_deletion_through_the_api_is_listed_for_syncing_clients(
    editor_client, path, make, resource
):
    gone = make()
    before = timezone.now().isoformat()

    response = editor_client.delete(f"/api/v1/{path}/{gone.pk}/")
    editor_client.force_authenticate(None)
    rows = results(editor_client.get("/api/v1/deletions/", {"since": before}))

    assert response.status_code == 204
    assert [(row["resource"], row["id"]) for row in rows] == [(resource, gone.pk)]


def test_an_organisation_organises_a_session_once(editor_client, conference):
    organiser = factories.SessionOrganiserFactory(session__conference=conference)
    other = factories.SessionOrganiserFactory(session=organiser.session)
    duplicate = {
        "session": organiser.session_id,
        "organisation": organiser.organisation_id,
    }

    created = editor_client.post(
        "/api/v1/session-organisers/", duplicate, format="json"
    )
    moved = editor_client.patch(
        f"/api/v1/session-organisers/{other.pk}/",
        {"organisation": organiser.organisation_id},
        format="json",
    )

    refusal = {"organisation": ["This organisation already organises the session."]}
    assert (created.status_code, created.json()) == (400, refusal)
    assert (moved.status_code, moved.json()) == (400, refusal)
    assert SessionOrganiser.objects.count() == 2


def test_a_duplicate_organiser_caught_by_the_database_is_400_too(
    editor_client, conference, monkeypatch
):
    """If another writer added the organisation after validation, the constraint
    refuses the second one, and the answer names the field as validation would."""
    organiser = factories.SessionOrganiserFactory(session__conference=conference)
    monkeypatch.setattr(SessionOrganiser, "clean", lambda self: None)

    response = editor_client.post(
        "/api/v1/session-organisers/",
        {"session": organiser.session_id, "organisation": organiser.organisation_id},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "organisation": ["This organisation already organises the session."]
    }
    assert SessionOrganiser.objects.count() == 1


def test_a_new_section_answers_as_read_and_changes_its_session(
    editor_client, conference
):
    session = factories.SessionFactory(conference=conference)
    Session.objects.update(updated_at=timezone.now() - dt.timedelta(days=2))
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()

    response = editor_client.post(
        "/api/v1/session-sections/",
        {"session": session.pk, "title": "Purpose", "body": "To share.", "order": 2},
        format="json",
    )
    body = response.json()

    assert response.status_code == 201
    assert body == {
        "id": body["id"],
        "session": session.pk,
        "conference": "alliance-26",
        "order": 2,
        "title": "Purpose",
        "body": "To share.",
    }
    assert ids(editor_client.get("/api/v1/sessions/", {"updated_since": since})) == [
        session.pk
    ]
    assert editor_client.get(f"/api/v1/sessions/{session.pk}/").json()["sections"] == [
        {"order": 2, "title": "Purpose", "body": "To share."}
    ]


# --- Caching, CORS, schema -----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/conferences/",
        "/api/v1/conferences/alliance-26/",
        "/api/v1/sessions/",
        "/api/v1/people/",
        "/api/v1/rooms/",
        "/api/v1/session-organisers/",
        "/api/v1/session-sections/",
    ],
)
def test_conditional_get_answers_304_when_nothing_changed(api_client, conference, path):
    factories.ParticipationFactory(session__conference=conference)
    first = api_client.get(path)

    again = api_client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_last_modified_gives_304_and_a_change_gives_200(api_client, conference):
    session = factories.SessionFactory(conference=conference)
    first = api_client.get("/api/v1/sessions/")

    unchanged = api_client.get(
        "/api/v1/sessions/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    session.title = "Moved"
    session.start = at(21, 9)
    session.end = at(21, 10)
    session.save()
    changed = api_client.get("/api/v1/sessions/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert unchanged.status_code == 304
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_a_renamed_room_makes_the_sessions_list_newer(api_client, conference):
    """Sessions nest their room's name, so a room change is a change of the list."""
    session = factories.SessionFactory(conference=conference)
    long_ago = timezone.now() - dt.timedelta(days=2)
    Session.objects.update(updated_at=long_ago)
    Conference.objects.update(updated_at=long_ago)
    Organisation.objects.update(updated_at=long_ago)
    Room.objects.update(updated_at=long_ago)
    first = api_client.get("/api/v1/sessions/")

    session.room.name = "Neuer Saal"
    session.room.save()
    again = api_client.get(
        "/api/v1/sessions/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )

    assert again.status_code == 200
    assert "Neuer Saal" in again.content.decode()


def test_anonymous_reads_are_open_to_other_sites(api_client, conference):
    response = api_client.get(
        "/api/v1/conferences/", HTTP_ORIGIN="https://www.osce.org"
    )

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_schema_is_valid_openapi_describing_every_endpoint(api_client):
    response = api_client.get("/api/v1/schema/?format=json")

    schema = json.loads(response.content)
    validate(schema)
    assert sorted(schema["paths"]) == [
        "/api/v1/agenda-items/",
        "/api/v1/agenda-items/{id}/",
        "/api/v1/changes/",
        "/api/v1/conferences/",
        "/api/v1/conferences/{slug}/",
        "/api/v1/decisions/",
        "/api/v1/decisions/{id}/",
        "/api/v1/deletions/",
        "/api/v1/organisations/",
        "/api/v1/organisations/{id}/",
        "/api/v1/participations/",
        "/api/v1/participations/{id}/",
        "/api/v1/people/",
        "/api/v1/people/{id}/",
        "/api/v1/proposals/",
        "/api/v1/proposals/{id}/",
        "/api/v1/reviews/",
        "/api/v1/reviews/{id}/",
        "/api/v1/rooms/",
        "/api/v1/rooms/{id}/",
        "/api/v1/selections/",
        "/api/v1/selections/{id}/",
        "/api/v1/session-organisers/",
        "/api/v1/session-organisers/{id}/",
        "/api/v1/session-sections/",
        "/api/v1/session-sections/{id}/",
        "/api/v1/sessions/",
        "/api/v1/sessions/{id}/",
    ]
    sessions = schema["paths"]["/api/v1/sessions/"]
    parameters = {parameter["name"] for parameter in sessions["get"]["parameters"]}
    assert {"conference", "date", "date_from", "date_to", "room", "kind"} <= parameters
    assert {"organisation", "person", "role", "q", "updated_since"} <= parameters
    assert set(sessions["post"]["responses"]) == {"201", "400", "401", "403", "404"}
    detail = schema["paths"]["/api/v1/sessions/{id}/"]
    assert set(detail["delete"]["responses"]) == {
        "204",
        "400",
        "401",
        "403",
        "404",
        "409",
    }


def test_docs_are_served_without_a_cdn(api_client):
    for path in ("/api/v1/docs/", "/api/v1/redoc/"):
        html = api_client.get(path).content.decode()
        assert "/static/drf_spectacular_sidecar/" in html
        assert "cdn.jsdelivr.net" not in html


# --- Query counts --------------------------------------------------------------------


def fill(conference: Conference, rows: int) -> None:
    """Rows of every resource, each session with its organiser, speaker and item."""
    start = at(20, 0)
    for number in range(rows):
        session = factories.SessionFactory(
            conference=conference,
            room=None,
            start=start + dt.timedelta(minutes=2 * number),
            end=start + dt.timedelta(minutes=2 * number + 1),
        )
        factories.ParticipationFactory(
            session=session, person__organisation=factories.OrganisationFactory()
        )
        factories.SessionOrganiserFactory(session=session)
        factories.SessionSectionFactory(session=session)
        factories.AgendaItemFactory(session=session)
        factories.RoomFactory()
        factories.ConferenceFactory()
        Deletion.objects.create(resource="session", object_id=10_000 + number)


LIST_PATHS = [
    "/api/v1/conferences/",
    "/api/v1/sessions/",
    "/api/v1/rooms/",
    "/api/v1/organisations/",
    "/api/v1/people/",
    "/api/v1/participations/",
    "/api/v1/agenda-items/",
    "/api/v1/session-organisers/",
    "/api/v1/session-sections/",
    "/api/v1/deletions/",
]


def count_queries(client, path: str) -> int:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", LIST_PATHS)
def test_list_query_counts_do_not_grow_with_rows(api_client, path):
    small = factories.ConferenceFactory(slug="small")
    fill(small, 5)
    few = count_queries(api_client, path)

    fill(factories.ConferenceFactory(slug="large"), 495)
    many = count_queries(api_client, path)

    assert few == many


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # count, page, prefetches; ETag and Last-Modified need no query
        ("/api/v1/sessions/", 7),
        ("/api/v1/conferences/", 3),
        ("/api/v1/people/", 3),
        ("/api/v1/rooms/", 2),
        ("/api/v1/session-organisers/", 2),
        ("/api/v1/session-sections/", 2),
    ],
)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_list_query_counts_are_small(
    api_client, path, queries, language, django_assert_num_queries
):
    fill(factories.ConferenceFactory(), 5)

    # The same count in English and Russian: the texts are columns, not joins.
    with django_assert_num_queries(queries):
        api_client.get(path, HTTP_ACCEPT_LANGUAGE=language)
