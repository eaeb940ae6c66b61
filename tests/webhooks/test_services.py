"""Which changes make which deliveries: sessions, programme versions, registrations."""

import pytest
from django.db import transaction
from django.db.models import ProtectedError

from events.models import Session
from events.releases import publish_programme_release
from events.services import delete_from_programme, save_session, save_session_part
from tests import factories
from tests.registration.factories import RegistrationFactory
from tests.webhooks.jobs import delivery_jobs
from webhooks.models import Delivery, Endpoint, EventType

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block that commits as a transaction of its own (on_commit callbacks run)."""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


def kinds() -> list[tuple[str, int]]:
    return list(Delivery.objects.order_by("id").values_list("event_type", "object_id"))


def test_nothing_is_written_without_an_endpoint():
    factories.SessionFactory()
    assert Delivery.objects.count() == 0
    assert delivery_jobs() == []


def test_a_new_session_is_one_delivery_and_one_job_in_its_transaction(
    endpoint, committed
):
    with committed():
        session = factories.SessionFactory()
    delivery = Delivery.objects.get()
    assert (delivery.event_type, delivery.object_id) == ("session.created", session.pk)
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.message_id.startswith("msg_")
    assert [job.args_kwargs["args"] for job in delivery_jobs()] == [[delivery.pk]]


def test_a_rolled_back_change_leaves_no_delivery(endpoint):
    def change_then_fail():
        with transaction.atomic():
            factories.SessionFactory()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert Delivery.objects.count() == 0
    assert delivery_jobs() == []


def test_several_saves_in_one_transaction_are_one_delivery(endpoint, committed):
    with committed():
        session = factories.SessionFactory()
    with committed(), transaction.atomic():
        session.title = "Forced criminality: the evidence"
        save_session(session)
        session.description = "Longer"
        save_session(session)
        session.save()
    assert kinds() == [
        ("session.created", session.pk),
        ("session.changed", session.pk),
    ]


def test_created_and_deleted_in_one_transaction_is_nothing(endpoint, committed):
    with committed():
        session = factories.SessionFactory()
        delete_from_programme([session])
    assert kinds() == []


def test_a_deleted_session_is_told_by_id_and_slug(endpoint, committed):
    with committed():
        session = factories.SessionFactory(slug="panel-1")
    pk, conference = session.pk, session.conference.slug
    with committed():
        delete_from_programme([session])
    delivery = Delivery.objects.get(event_type="session.deleted")
    assert delivery.payload["data"] == {
        "id": pk,
        "slug": "panel-1",
        "conference": conference,
    }
    assert delivery.payload["type"] == "session.deleted"


def test_drafts_are_never_sent(endpoint, committed):
    with committed():
        session = factories.SessionFactory(is_published=False)
    with committed():
        session.title = "Still a draft"
        save_session(session)
    with committed():
        delete_from_programme([session])
    assert kinds() == []


def test_publishing_a_draft_creates_it_and_unpublishing_deletes_it(endpoint, committed):
    with committed():
        session = factories.SessionFactory(is_published=False)
    with committed():
        session.is_published = True
        save_session(session)
    with committed():
        session.is_published = False
        save_session(session)
    with committed():
        session.title = "Draft again"
        save_session(session)
    assert kinds() == [
        ("session.created", session.pk),
        ("session.deleted", session.pk),
    ]


def test_a_session_of_a_draft_conference_is_not_sent(endpoint, committed):
    conference = factories.ConferenceFactory(status="draft")
    with committed():
        factories.SessionFactory(conference=conference)
    assert kinds() == []


def test_an_endpoint_of_another_conference_hears_nothing(
    receiver, allow_private, committed
):
    other = factories.ConferenceFactory()
    Endpoint.objects.create(
        name="Other", url=receiver.url, conference=other, events=["session.created"]
    )
    mine = Endpoint.objects.create(
        name="All", url=receiver.url, events=["session.created"]
    )
    with committed():
        factories.SessionFactory()
    assert list(Delivery.objects.values_list("endpoint", flat=True)) == [mine.pk]


def test_only_the_chosen_events_are_sent(receiver, allow_private, committed):
    Endpoint.objects.create(
        name="Deletes", url=receiver.url, events=["session.deleted"]
    )
    with committed():
        session = factories.SessionFactory()
    with committed():
        session.title = "Changed"
        save_session(session)
    with committed():
        delete_from_programme([session])
    assert [kind for kind, _ in kinds()] == ["session.deleted"]


def test_an_inactive_endpoint_hears_nothing(receiver, allow_private, committed):
    Endpoint.objects.create(
        name="Off", url=receiver.url, events=["session.created"], is_active=False
    )
    with committed():
        factories.SessionFactory()
    assert kinds() == []


def test_a_published_programme_version_is_sent_with_its_changes(endpoint, committed):
    session = factories.SessionFactory()
    Delivery.objects.all().delete()
    with committed():
        release = publish_programme_release(session.conference, note="First")
    delivery = Delivery.objects.get()
    assert delivery.event_type == "programme.published"
    assert delivery.payload["data"] == {
        "conference": session.conference.slug,
        "number": 1,
        "note": "First",
        "published_at": release.published_at.isoformat(),
        "changes": release.changes,
    }
    assert [c["change"] for c in delivery.payload["data"]["changes"]] == ["added"]


def test_registration_events_go_to_endpoints_that_chose_them(
    receiver, allow_private, committed
):
    staff = Endpoint.objects.create(
        name="CRM",
        url=receiver.url,
        events=[e.value for e in EventType if e.value.startswith("registration.")],
    )
    Endpoint.objects.create(name="App", url=receiver.url, events=["session.created"])
    Delivery.objects.all().delete()
    with committed():
        registration = RegistrationFactory()
    with committed():
        registration.position = "Director"
        registration.save()
    with committed():
        registration.status = "cancelled"
        registration.save()
    deliveries = Delivery.objects.filter(event_type__startswith="registration.")
    assert list(
        deliveries.order_by("id").values_list("endpoint", "event_type", "object_id")
    ) == [
        (staff.pk, "registration.created", registration.pk),
        (staff.pk, "registration.changed", registration.pk),
        (staff.pk, "registration.cancelled", registration.pk),
    ]


def test_fixture_loading_tells_nobody(endpoint):
    session = factories.SessionFactory.build(
        conference=factories.ConferenceFactory(), room=None
    )
    session.created_at = session.updated_at = session.start
    session.save_base(raw=True)
    assert Session.objects.filter(pk=session.pk).exists()
    assert kinds() == []


def test_a_conference_with_its_own_endpoint_is_not_deleted(
    receiver, allow_private, committed
):
    """Its endpoint would be told of the sessions' deletion while it goes too."""
    session = factories.SessionFactory()
    Endpoint.objects.create(
        name="Its app",
        url=receiver.url,
        conference=session.conference,
        events=["session.deleted"],
    )
    with pytest.raises(ProtectedError):
        delete_from_programme([session.conference])
    assert Session.objects.filter(pk=session.pk).exists()


def test_deleting_a_conference_tells_endpoints_of_all_conferences(
    receiver, allow_private, committed
):
    session = factories.SessionFactory()
    everywhere = Endpoint.objects.create(
        name="All", url=receiver.url, events=["session.deleted"]
    )
    with committed(), transaction.atomic():
        delete_from_programme([session.conference])
        transaction.get_connection().check_constraints()
    assert list(Delivery.objects.values_list("endpoint", "event_type")) == [
        (everywhere.pk, "session.deleted")
    ]


def test_a_change_to_a_nested_part_is_a_change_of_its_session(endpoint, committed):
    with committed():
        session = factories.SessionFactory()
    with committed():
        item = factories.AgendaItemFactory.build(session=session)
        save_session_part(item)
    with committed():
        factories.ParticipationFactory(session=session)
    with committed():
        delete_from_programme([item])
    assert kinds() == [
        ("session.created", session.pk),
        ("session.changed", session.pk),
        ("session.changed", session.pk),
        ("session.changed", session.pk),
    ]


def test_a_session_saved_with_its_parts_in_one_transaction_is_one_delivery(
    endpoint, committed
):
    with committed():
        session = factories.SessionFactory()
    with committed(), transaction.atomic():
        save_session(session)
        factories.AgendaItemFactory(session=session)
        factories.SessionOrganiserFactory(session=session)
    pk = session.pk
    with committed():
        delete_from_programme([session])
    assert kinds() == [
        ("session.created", pk),
        ("session.changed", pk),
        ("session.deleted", pk),
    ]
