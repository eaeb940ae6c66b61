"""One drafts rule: the site, the feeds, the schedule files and the API agree."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.test import Client
from django.urls import reverse

from events.models import AgendaItem, Conference, Session
from events.visibility import (
    conferences_visible_to,
    sees_drafts,
    session_parts_visible_to,
    sessions_visible_to,
    visibility_tier,
)
from tests import factories

pytestmark = pytest.mark.django_db


def view_session() -> Permission:
    return Permission.objects.get(
        content_type__app_label="events", codename="view_session"
    )


@pytest.fixture
def staff(django_user_model):
    """Staff without any permission: they run the admin for registrations only."""
    return django_user_model.objects.create_user("staff", is_staff=True)


@pytest.fixture
def previewer(django_user_model):
    """Staff who may view sessions in the admin, and nothing else."""
    user = django_user_model.objects.create_user("previewer", is_staff=True)
    user.user_permissions.add(view_session())
    return user


def test_sees_drafts_only_active_staff_with_the_view_permission(
    django_user_model, staff, previewer
):
    superuser = django_user_model.objects.create_superuser("root", "r@example.org")
    not_staff = django_user_model.objects.create_user("reader")
    not_staff.user_permissions.add(view_session())
    retired = django_user_model.objects.create_user(
        "retired", is_staff=True, is_active=False
    )
    retired.user_permissions.add(view_session())

    assert sees_drafts(AnonymousUser()) is False
    assert sees_drafts(staff) is False
    assert sees_drafts(not_staff) is False
    assert sees_drafts(retired) is False
    assert sees_drafts(previewer) is True
    assert sees_drafts(superuser) is True


def test_the_querysets_follow_the_rule(staff, previewer):
    published = factories.SessionFactory()
    draft = factories.SessionFactory(is_published=False)
    draft_conference = factories.ConferenceFactory(status=Conference.Status.DRAFT)
    in_draft_conference = factories.SessionFactory(conference=draft_conference)
    items = [factories.AgendaItemFactory(session=s) for s in (published, draft)]

    def pks(queryset) -> set[int]:
        return set(queryset.values_list("pk", flat=True))

    for user in (AnonymousUser(), staff):
        assert pks(sessions_visible_to(user)) == {published.pk}
        assert draft_conference.pk not in pks(conferences_visible_to(user))
        assert pks(session_parts_visible_to(user, AgendaItem.objects.all())) == {
            items[0].pk
        }
    assert pks(sessions_visible_to(previewer)) == {
        published.pk,
        draft.pk,
        in_draft_conference.pk,
    }
    assert draft_conference.pk in pks(conferences_visible_to(previewer))
    assert pks(session_parts_visible_to(previewer, AgendaItem.objects.all())) == {
        item.pk for item in items
    }


def test_the_tier_keeps_anonymous_staff_and_previewers_apart(staff, previewer):
    assert visibility_tier(AnonymousUser()) == "anonymous"
    assert visibility_tier(staff) == f"user-{staff.pk}-published"
    assert visibility_tier(previewer) == f"user-{previewer.pk}-drafts"


def _every_reader_shows(client: Client, draft: Session) -> dict[str, object]:
    """What each reader of the programme shows of the draft session."""
    conference = draft.conference.slug
    programme = client.get(
        reverse("events:programme", kwargs={"conference": conference})
    )
    session_page = client.get(draft.get_absolute_url())
    feed = client.get(
        reverse("feeds:conference_ical", kwargs={"conference": conference})
    )
    schedule = client.get(
        reverse("feeds:schedule_json", kwargs={"conference": conference})
    )
    api_list = client.get("/api/v1/sessions/")
    api_detail = client.get(f"/api/v1/sessions/{draft.pk}/")
    assert {
        response.status_code for response in (programme, feed, schedule, api_list)
    } == {200}
    return {
        "programme page": draft.title in programme.text,
        "session page": session_page.status_code,
        "calendar feed": draft.title in feed.text,
        "schedule.json": draft.title in json.dumps(schedule.json()),
        "API list": draft.pk in [row["id"] for row in api_list.json()["results"]],
        "API detail": api_detail.status_code,
    }


@pytest.mark.parametrize(
    ("who", "sees"),
    [("anonymous", False), ("staff", False), ("previewer", True)],
)
def test_site_feeds_and_api_agree_about_a_draft(request, who, sees):
    conference = factories.ConferenceFactory(slug="alliance-26")
    factories.SessionFactory(conference=conference, title="Published opening")
    draft = factories.SessionFactory(
        conference=conference, title="Draft side event", is_published=False
    )
    client = Client()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    shown = _every_reader_shows(client, draft)

    status = 200 if sees else 404
    assert shown == {
        "programme page": sees,
        "session page": status,
        "calendar feed": sees,
        "schedule.json": sees,
        "API list": sees,
        "API detail": status,
    }
