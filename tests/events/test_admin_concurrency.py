"""Two staff members editing one session: the second is warned, not overwritten."""

import pytest
from django.test import Client
from django.urls import reverse

from events.forms import SessionForm
from events.models import Session
from tests import factories
from tests.html_forms import submitted_form

pytestmark = pytest.mark.django_db


def staff_client(django_user_model, username: str, full_name: str) -> Client:
    first, last = full_name.split()
    user = django_user_model.objects.create_superuser(
        username, f"{username}@example.org", "pw", first_name=first, last_name=last
    )
    client = Client()
    client.force_login(user)
    return client


def test_second_editor_is_told_who_changed_the_session_and_nothing_is_lost(
    django_user_model,
):
    session = factories.SessionFactory(title="Draft title")
    url = reverse("admin:events_session_change", args=[session.pk])
    petra = staff_client(django_user_model, "petra", "Petra Novak")
    ivan = staff_client(django_user_model, "ivan", "Ivan Petrov")
    petras_form = submitted_form(petra.get(url))
    ivans_form = submitted_form(ivan.get(url))

    petras_form["title_en"] = ["Petra's title"]
    ivans_form["title_en"] = ["Ivan's title"]
    first = petra.post(url, petras_form)
    second = ivan.post(url, ivans_form)

    assert (first.status_code, second.status_code) == (302, 200)
    assert Session.objects.get(pk=session.pk).title == "Petra's title"
    errors = second.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith("Petra Novak changed this session on ")
    assert errors[0].endswith(
        "after you opened it. Your changes were not saved: reload the page to "
        "see theirs, then make yours again."
    )


def test_editor_who_reloads_after_a_conflict_can_save(django_user_model):
    session = factories.SessionFactory(title="Draft title")
    url = reverse("admin:events_session_change", args=[session.pk])
    petra = staff_client(django_user_model, "petra", "Petra Novak")
    stale = submitted_form(petra.get(url))
    petra.post(url, {**stale, "title_en": ["First save"]})

    fresh = submitted_form(petra.get(url))
    response = petra.post(url, {**fresh, "title_en": ["Second save"]})

    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).title == "Second save"


def form_data(form: SessionForm) -> dict:
    return {
        name: form[name].value()
        for name in form.fields
        if form[name].value() is not None
    }


def test_session_form_refuses_a_save_based_on_an_older_version():
    session = factories.SessionFactory(title="Draft title")
    data = form_data(SessionForm(instance=session))
    Session.objects.get(pk=session.pk).save()  # someone else saves meanwhile

    form = SessionForm(
        data={**data, "title": "Late edit"},
        instance=Session.objects.get(pk=session.pk),
    )

    assert form.is_valid() is False
    assert [error.code for error in form.non_field_errors().as_data()] == ["stale"]
    assert form.non_field_errors()[0].startswith("Someone changed this session on ")


def test_session_form_accepts_a_save_based_on_the_current_version():
    session = factories.SessionFactory(title="Draft title")
    data = form_data(SessionForm(instance=session))

    form = SessionForm(
        data={**data, "title": "Edit"}, instance=Session.objects.get(pk=session.pk)
    )

    assert form.errors == {}
