"""Writes of the programme: tombstones and changed sessions, for syncing clients."""

import datetime as dt

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from events.models import AgendaItem, Deletion, Room, Session, SessionSection
from events.selectors import tombstoned_parts_of
from events.services import (
    delete_from_programme,
    save_session_part,
    tombstone_vanished,
)
from tests import factories
from tests.html_forms import submitted_form

pytestmark = pytest.mark.django_db

VIENNA = factories.VIENNA
LONG_AGO = timezone.now() - dt.timedelta(days=2)


@pytest.fixture(autouse=True)
def _uncached(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False


@pytest.fixture
def conference():
    return factories.ConferenceFactory(slug="alliance-26", title="26th Alliance")


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, tzinfo=VIENNA)


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def tombstones() -> list[tuple[str, int]]:
    return sorted(Deletion.objects.values_list("resource", "object_id"))


def changed_since(moment: dt.datetime) -> list[int]:
    return sorted(
        Session.objects.filter(updated_at__gt=moment).values_list("pk", flat=True)
    )


def two_old_sessions(conference) -> tuple[Session, Session]:
    left = factories.SessionFactory(conference=conference, start=at(20, 9))
    joined = factories.SessionFactory(conference=conference, start=at(20, 11))
    Session.objects.filter(pk__in=[left.pk, joined.pk]).update(updated_at=LONG_AGO)
    return left, joined


PARTS = [
    factories.AgendaItemFactory,
    factories.SessionOrganiserFactory,
    factories.SessionSectionFactory,
    factories.ParticipationFactory,
]


@pytest.mark.parametrize("part_factory", PARTS)
def test_a_part_moved_to_another_session_changes_both(
    api_client, conference, part_factory
):
    left, joined = two_old_sessions(conference)
    part = part_factory(session=left)
    Session.objects.filter(pk__in=[left.pk, joined.pk]).update(updated_at=LONG_AGO)
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()

    part.session = joined
    save_session_part(part, previous_session_id=left.pk)

    response = api_client.get("/api/v1/sessions/", {"updated_since": since})
    assert sorted(row["id"] for row in results(response)) == sorted(
        [left.pk, joined.pk]
    )


@pytest.mark.parametrize("part_factory", PARTS)
def test_a_part_saved_in_place_changes_only_its_session(conference, part_factory):
    left, joined = two_old_sessions(conference)
    part = part_factory(session=left)
    Session.objects.filter(pk__in=[left.pk, joined.pk]).update(updated_at=LONG_AGO)

    save_session_part(part, previous_session_id=left.pk)

    assert changed_since(LONG_AGO) == [left.pk]


def test_deletions_tell_a_syncing_client_what_to_drop(api_client, conference):
    session = factories.SessionFactory(conference=conference)
    participation = factories.ParticipationFactory(session=session)
    before = timezone.now().isoformat()
    session_pk = session.pk

    delete_from_programme([session])

    rows = results(api_client.get("/api/v1/deletions/", {"since": before}))
    assert sorted((row["resource"], row["id"]) for row in rows) == [
        ("participation", participation.pk),
        ("session", session_pk),
    ]
    rows = results(api_client.get("/api/v1/deletions/?resource=session"))
    assert [(row["resource"], row["id"]) for row in rows] == [("session", session_pk)]


def test_deleting_a_conference_leaves_a_tombstone_for_all_that_goes_with_it(
    conference,
):
    session = factories.SessionFactory(conference=conference)
    item = factories.AgendaItemFactory(session=session)
    organiser = factories.SessionOrganiserFactory(session=session)
    section = factories.SessionSectionFactory(session=session)
    participation = factories.ParticipationFactory(session=session, agenda_item=item)
    other = factories.SessionFactory()
    ids = {
        "conference": conference.pk,
        "session": session.pk,
        "agenda_item": item.pk,
        "session_organiser": organiser.pk,
        "session_section": section.pk,
        "participation": participation.pk,
    }

    deleted = delete_from_programme([conference])

    assert deleted == 6
    assert tombstones() == sorted(ids.items())
    assert list(Session.objects.values_list("pk", flat=True)) == [other.pk]
    assert Room.objects.filter(pk=session.room_id).exists()


def test_deleting_an_agenda_item_takes_its_participations_and_touches_the_session(
    conference,
):
    session, _untouched = two_old_sessions(conference)
    item = factories.AgendaItemFactory(session=session)
    participation = factories.ParticipationFactory(session=session, agenda_item=item)
    Session.objects.update(updated_at=LONG_AGO)
    expected = [("agenda_item", item.pk), ("participation", participation.pk)]

    delete_from_programme([item])

    assert tombstones() == expected
    assert changed_since(LONG_AGO) == [session.pk]


def test_deleting_a_person_touches_the_sessions_they_left(conference):
    first, second = two_old_sessions(conference)
    person = factories.PersonFactory()
    one = factories.ParticipationFactory(person=person, session=first)
    two = factories.ParticipationFactory(person=person, session=second)
    Session.objects.update(updated_at=LONG_AGO)
    expected = [("participation", one.pk), ("participation", two.pk)]
    expected.append(("person", person.pk))

    delete_from_programme([person])

    assert tombstones() == sorted(expected)
    assert changed_since(LONG_AGO) == sorted([first.pk, second.pk])


def test_a_protected_delete_removes_nothing_and_leaves_no_tombstone(conference):
    session = factories.SessionFactory(conference=conference)

    with pytest.raises(ProtectedError):
        delete_from_programme([session.room])

    assert tombstones() == []
    assert Room.objects.filter(pk=session.room_id).exists()


def test_deleting_nothing_writes_nothing():
    assert delete_from_programme([]) == 0
    assert tombstones() == []


def test_fixture_loading_writes_no_tombstones_and_touches_nothing(conference):
    session = factories.SessionFactory(conference=conference)
    Session.objects.update(updated_at=LONG_AGO)

    factories.AgendaItemFactory(session=session).delete()

    assert tombstones() == []
    assert changed_since(LONG_AGO) == []


# --- Through the API and the admin ---------------------------------------------------


def test_a_part_moved_through_the_api_changes_both_sessions(
    api_client, programme_editor, conference
):
    left, joined = two_old_sessions(conference)
    item = factories.AgendaItemFactory(session=left)
    Session.objects.update(updated_at=LONG_AGO)
    api_client.force_authenticate(programme_editor)

    response = api_client.patch(
        f"/api/v1/agenda-items/{item.pk}/", {"session": joined.pk}, format="json"
    )

    assert response.status_code == 200, response.content
    assert changed_since(LONG_AGO) == sorted([left.pk, joined.pk])


def test_a_participation_moved_through_the_api_changes_both_sessions(
    api_client, programme_editor, conference
):
    left, joined = two_old_sessions(conference)
    participation = factories.ParticipationFactory(session=left)
    Session.objects.update(updated_at=LONG_AGO)
    api_client.force_authenticate(programme_editor)

    response = api_client.patch(
        f"/api/v1/participations/{participation.pk}/",
        {"session": joined.pk},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert changed_since(LONG_AGO) == sorted([left.pk, joined.pk])


def test_a_participation_moved_in_the_admin_changes_both_sessions(
    admin_client, conference
):
    left, joined = two_old_sessions(conference)
    participation = factories.ParticipationFactory(session=left)
    Session.objects.update(updated_at=LONG_AGO)
    url = reverse("admin:speakers_participation_change", args=[participation.pk])
    data = submitted_form(admin_client.get(url), "participation_form")

    response = admin_client.post(url, data | {"session": str(joined.pk)})

    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.session_id == joined.pk
    assert changed_since(LONG_AGO) == sorted([left.pk, joined.pk])


def test_the_admin_delete_action_leaves_tombstones(admin_client, conference):
    rooms = factories.RoomFactory.create_batch(2)
    kept = factories.RoomFactory()
    expected = sorted(("room", room.pk) for room in rooms)
    url = reverse("admin:events_room_changelist")

    response = admin_client.post(
        url,
        {
            "action": "delete_selected",
            "_selected_action": [str(room.pk) for room in rooms],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert tombstones() == expected
    assert list(Room.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_admin_delete_action_on_sessions_tombstones_their_parts(
    admin_client, conference
):
    session = factories.SessionFactory(conference=conference)
    section = factories.SessionSectionFactory(session=session)

    response = admin_client.post(
        reverse("admin:events_session_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(session.pk)],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert tombstones() == [("session", session.pk), ("session_section", section.pk)]


def test_an_inline_row_deleted_in_the_admin_leaves_a_tombstone(admin_client):
    section = factories.SessionSectionFactory()
    session = section.session
    Session.objects.update(updated_at=LONG_AGO)
    url = reverse("admin:events_session_change", args=[session.pk])
    data = submitted_form(admin_client.get(url))

    response = admin_client.post(url, data | {"sections-0-DELETE": "on"})

    assert response.status_code == 302
    assert tombstones() == [("session_section", section.pk)]
    assert changed_since(LONG_AGO) == [session.pk]


def test_vanished_parts_leave_tombstones_and_present_ones_none():
    session = factories.SessionFactory()
    kept = factories.AgendaItemFactory(session=session)
    gone = factories.AgendaItemFactory(session=session)
    section = factories.SessionSectionFactory(session=session)
    parts = tombstoned_parts_of(session)
    assert parts[AgendaItem] == {kept.pk, gone.pk}
    assert parts[SessionSection] == {section.pk}
    AgendaItem.objects.filter(pk=gone.pk).delete()

    assert tombstone_vanished(parts) == 1

    assert list(Deletion.objects.values_list("resource", "object_id")) == [
        (Deletion.Resource.AGENDA_ITEM, gone.pk)
    ]
