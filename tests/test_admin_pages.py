"""Every admin page of the programme renders, and validation speaks in the form."""

import pytest
from django.contrib import admin
from django.urls import reverse

from events.models import Session
from tests import factories

pytestmark = pytest.mark.django_db

PROGRAMME_FACTORIES = {
    "events.venue": factories.VenueFactory,
    "events.room": factories.RoomFactory,
    "events.organisation": factories.OrganisationFactory,
    "events.conference": factories.ConferenceFactory,
    "events.session": factories.SessionFactory,
    "events.programmerelease": factories.ProgrammeReleaseFactory,
    "speakers.person": factories.PersonFactory,
    "speakers.participation": factories.ParticipationFactory,
}


def programme_models() -> list[str]:
    return sorted(
        model._meta.label_lower
        for model in admin.site._registry
        if model._meta.app_label in {"events", "speakers"}
    )


def test_every_programme_model_is_in_admin():
    assert programme_models() == sorted(PROGRAMME_FACTORIES)


@pytest.mark.parametrize("label", sorted(PROGRAMME_FACTORIES))
def test_admin_changelist_add_and_change_pages_render(admin_client, label):
    obj = PROGRAMME_FACTORIES[label]()
    app_label, model_name = label.split(".")

    changelist = admin_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    add = admin_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    change = admin_client.get(
        reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk])
    )

    assert (changelist.status_code, add.status_code, change.status_code) == (
        200,
        200,
        200,
    )
    assert str(obj) in changelist.text


def test_session_changelist_filters_by_conference_day_room_and_kind(admin_client):
    session = factories.SessionFactory()
    url = reverse("admin:events_session_changelist")

    response = admin_client.get(
        url,
        {
            "conference__id__exact": session.conference_id,
            "day": "2026-04-20",
            "room__id__exact": session.room_id,
            "kind__exact": "side_event",
        },
    )

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [session]


def test_session_changelist_bad_day_filter_shows_nothing_rather_than_failing(
    admin_client,
):
    factories.SessionFactory()

    response = admin_client.get(
        reverse("admin:events_session_changelist"), {"day": "2026-13-45"}
    )

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def session_form_data(session: Session, **changes: str) -> dict[str, str]:
    data = {
        "conference": str(session.conference_id),
        "kind": session.kind,
        # English and Russian side by side (django-modeltranslation).
        "title_en": session.title,
        "title_ru": "",
        "slug": session.slug,
        "description_en": "",
        "description_ru": "",
        "start_0": "2026-04-20",
        "start_1": "16:45",
        "end_0": "2026-04-20",
        "end_1": "17:45",
        "room": str(session.room_id),
        "attendance_mode": "hybrid",
        "online_platform": "Zoom",
        "online_meeting_id": "",
        "online_passcode": "",
        "interpretation_languages": ["en", "ru"],
        "is_published": "on",
    }
    for prefix in (
        "organisers",
        "sections",
        "agenda_items",
        "participations",
        "documents",
    ):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data.update(changes)
    return data


def test_admin_refuses_overlap_and_names_the_other_session(admin_client):
    booked = factories.SessionFactory(
        title="Launch of the Study on Cyber Scam Operations"
    )
    other = factories.SessionFactory(
        conference=booked.conference,
        start=booked.start.replace(hour=9),
        end=booked.end.replace(hour=10),
    )
    url = reverse("admin:events_session_change", args=[other.pk])

    response = admin_client.post(
        url,
        session_form_data(
            other, room=str(booked.room_id), start_1="17:00", end_1="18:00"
        ),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["room"]
    assert "Launch of the Study on Cyber Scam Operations" in errors["room"][0]
    other.refresh_from_db()
    assert other.local_start.hour == 9


def test_programme_editor_edits_sessions_but_not_users(client, programme_editor):
    session = factories.SessionFactory()
    client.force_login(programme_editor)

    session_page = client.get(reverse("admin:events_session_change", args=[session.pk]))
    users_page = client.get(reverse("admin:auth_user_changelist"))
    saved = client.post(
        reverse("admin:events_session_change", args=[session.pk]),
        session_form_data(session, title_en="Renamed by the editor"),
    )

    assert (session_page.status_code, users_page.status_code) == (200, 403)
    assert saved.status_code == 302
    session.refresh_from_db()
    assert session.title == "Renamed by the editor"
