"""The audit trail: who changed what and when, and deleted sessions brought back."""

import pytest
import reversion
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from alliance.audit import AuditRevisionMiddleware
from events.models import (
    AgendaItem,
    Deletion,
    Session,
    SessionOrganiser,
    SessionSection,
)
from registration.models import Registration
from speakers.models import Participation
from tests import factories
from tests.html_forms import submitted_form
from tests.registration.factories import InvitationFactory, RegistrationFactory
from tests.registration.test_flow import form_data as registration_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_conference")]


def staff_client(django_user_model, username: str) -> Client:
    user = django_user_model.objects.create_superuser(
        username, f"{username}@example.org", "pw", first_name=username.title()
    )
    client = Client()
    client.force_login(user)
    return client


def session_with_parts() -> Session:
    session = factories.SessionFactory(title="Forced criminality online")
    factories.SessionSectionFactory(session=session, title="Background")
    factories.SessionSectionFactory(session=session, title="Purpose")
    factories.SessionOrganiserFactory(session=session)
    item = factories.AgendaItemFactory(session=session, title="Panel discussion")
    factories.ParticipationFactory(session=session, agenda_item=item)
    factories.ParticipationFactory(session=session)
    return session


def parts_of(session_id: int) -> dict[str, list[str]]:
    return {
        "sections": list(
            SessionSection.objects.filter(session_id=session_id).values_list(
                "title", flat=True
            )
        ),
        "organisers": list(
            SessionOrganiser.objects.filter(session_id=session_id).values_list(
                "organisation__name", flat=True
            )
        ),
        "agenda items": list(
            AgendaItem.objects.filter(session_id=session_id).values_list(
                "title", flat=True
            )
        ),
        "participations": list(
            Participation.objects.filter(session_id=session_id).values_list(
                "person__family_name", "agenda_item__title"
            )
        ),
    }


def test_admin_edit_records_who_when_and_the_field_diff(django_user_model):
    client = staff_client(django_user_model, "petra")
    session = factories.SessionFactory(title="Old title")
    url = reverse("admin:events_session_change", args=[session.pk])
    data = submitted_form(client.get(url))
    data["title_en"] = ["New title"]

    response = client.post(url, data)

    assert response.status_code == 302
    version = Version.objects.get_for_object(session).get()
    assert (version.revision.user.username, version.field_dict["title"]) == (
        "petra",
        "New title",
    )
    history = client.get(reverse("admin:events_session_history", args=[session.pk]))
    assert history.status_code == 200
    assert "Petra" in history.text


def test_history_compares_two_versions_field_by_field(django_user_model):
    client = staff_client(django_user_model, "petra")
    session = factories.SessionFactory(title="Old title")
    url = reverse("admin:events_session_change", args=[session.pk])
    for title in ["First title", "Second title"]:
        data = submitted_form(client.get(url))
        data["title_en"] = [title]
        client.post(url, data)
    first, second = Version.objects.get_for_object(session).order_by("pk")

    response = client.get(
        reverse("admin:events_session_compare", args=[session.pk]),
        {"version_id1": first.pk, "version_id2": second.pk},
    )

    assert response.status_code == 200
    assert "First" in response.text
    assert "Second" in response.text


def test_a_change_to_a_part_stores_the_whole_session_again():
    session = session_with_parts()

    with reversion.create_revision():
        factories.SessionSectionFactory(session=session, title="Expected outcomes")

    version = Version.objects.get_for_object(session).get()
    stored = Version.objects.filter(revision=version.revision)
    assert stored.filter(content_type__model="sessionsection").count() == 3
    assert stored.filter(content_type__model="participation").count() == 2


def test_writes_outside_the_admin_are_recorded_with_their_user(django_user_model):
    """API writes pass through the audit middleware, which every request meets."""
    user = django_user_model.objects.create_user("api-writer", password="pw")
    session = factories.SessionFactory()

    def api_view(request: HttpRequest) -> HttpResponse:
        session.title = "Changed through the API"
        session.save()
        return HttpResponse(status=200)

    request = RequestFactory().patch("/api/v1/sessions/1/")
    request.user = user
    AuditRevisionMiddleware(api_view)(request)

    assert "alliance.audit.AuditRevisionMiddleware" in settings.MIDDLEWARE
    version = Version.objects.get_for_object(session).get()
    assert (version.revision.user, version.field_dict["title"]) == (
        user,
        "Changed through the API",
    )


def test_deleted_session_is_recovered_with_all_its_parts(django_user_model):
    client = staff_client(django_user_model, "petra")
    session = session_with_parts()
    before = parts_of(session.pk)
    # Seeded data has no history yet: this command gives it a first version.
    call_command("createinitialrevisions", "events.Session", verbosity=0)

    deleted = client.post(
        reverse("admin:events_session_delete", args=[session.pk]), {"post": "yes"}
    )
    assert deleted.status_code == 302
    assert parts_of(session.pk) == {
        "sections": [],
        "organisers": [],
        "agenda items": [],
        "participations": [],
    }
    recover_list = client.get(reverse("admin:events_session_recoverlist"))
    version = Version.objects.get_deleted(Session).get()
    assert "Forced criminality online" in recover_list.text
    recover_url = reverse("admin:events_session_recover", args=[version.pk])
    form = submitted_form(client.get(recover_url))

    recovered = client.post(recover_url, form)

    assert recovered.status_code == 302
    assert Session.objects.get(pk=session.pk).title == "Forced criminality online"
    assert parts_of(session.pk) == before
    assert len(before["participations"]) == 2


def test_an_invitees_registration_is_recorded_after_its_transaction(client):
    """The invitee's form keeps its own revision, written once the lock is released."""
    invitation = InvitationFactory()
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, registration_form_data(given_name="Anna"))

    assert response.status_code == 302
    registration = invitation.registrations.get()
    (version,) = Version.objects.get_for_object(registration)
    assert version.field_dict["given_name"] == "Anna"
    assert version.field_dict["status"] == Registration.Status.CONFIRMED
    assert version.revision.comment == "Registered through the invitation link"
    assert version.revision.user is None
    assert version.revision.version_set.count() == 1
    sql = [query["sql"] for query in queries.captured_queries]
    written = next(i for i, q in enumerate(sql) if "INSERT" in q)
    released = next(i for i, q in enumerate(sql[written:], written) if "RELEASE" in q)
    revision = next(i for i, q in enumerate(sql) if "reversion_revision" in q)
    assert written < released < revision


def test_a_failed_audit_copy_keeps_the_registration(client, monkeypatch, caplog):
    def unavailable(*args, **kwargs):
        raise OperationalError("the database went away")

    monkeypatch.setattr("reversion.revisions._save_revision", unavailable)
    invitation = InvitationFactory()
    url = reverse("registration:invitation", kwargs={"token": invitation.token})

    response = client.post(url, registration_form_data())

    assert response.status_code == 302
    assert invitation.registrations.count() == 1
    assert "Audit copy of registration" in caplog.text


def test_the_invitees_changes_stay_in_the_request_revision(client):
    registration = RegistrationFactory(given_name="Anna")
    url = reverse(
        "registration:change",
        kwargs={"token": registration.invitation.token, "pk": registration.pk},
    )
    response = client.post(url, registration_form_data(given_name="Anne"))

    assert response.status_code == 302
    (version,) = Version.objects.get_for_object(registration)
    assert version.field_dict["given_name"] == "Anne"


def test_a_revert_tombstones_the_parts_added_since(django_user_model):
    """Reverting deletes what was added after the version: syncing clients learn it."""
    client = staff_client(django_user_model, "petra")
    session = session_with_parts()
    call_command("createinitialrevisions", "events.Session", verbosity=0)
    version = Version.objects.get_for_object(session).get()
    added = factories.AgendaItemFactory(session=session, title="Added later")
    revert_url = reverse("admin:events_session_revision", args=[session.pk, version.pk])
    form = submitted_form(client.get(revert_url))
    assert AgendaItem.objects.filter(pk=added.pk).exists()  # the preview kept it
    assert not Deletion.objects.filter(object_id=added.pk).exists()

    reverted = client.post(revert_url, form)

    assert reverted.status_code == 302
    assert not AgendaItem.objects.filter(pk=added.pk).exists()
    assert list(Deletion.objects.values_list("resource", "object_id")) == [
        (Deletion.Resource.AGENDA_ITEM, added.pk)
    ]
