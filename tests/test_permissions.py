"""Who may do what: every admin model, staff page and API write, for every role.

Roles: anonymous, an invitee (someone holding an invitation link, not logged in),
a programme editor, a registration manager and a superuser. Then: registrants'
personal data never reaches public pages, the public API, the cache or the logs,
and changes to registration data are kept in the history with who made them; and
who sees drafts, on the site, in the feeds and in the API alike.
"""

import logging
import pickle

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from registration.models import Invitation
from tests import factories
from tests.registration.factories import InvitationFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_conference")]


@pytest.fixture(autouse=True)
def _in_english():
    """Addresses and messages in English, whatever an earlier test switched to."""
    with translation.override("en"):
        yield


ROLES = [
    "anonymous",
    "invitee",
    "programme_editor",
    "registration_manager",
    "superuser",
]
# The apps each group manages in the admin; the superuser manages everything.
MANAGES = {
    "programme_editor": {
        "events",
        "speakers",
        "proposals",
        "organisers",
    },  # editors decide on proposals and keep the organisers' portal
    # managers also see the outgoing e-mails and re-send them
    "registration_manager": {"registration", "outbox"},
}


@pytest.fixture
def as_role(django_user_model):
    """A client for a role, by name."""

    def make(role: str) -> Client:
        client = Client()
        if role in ("anonymous", "invitee"):
            return client  # an invitee's link is no login
        if role == "superuser":
            user = django_user_model.objects.create_superuser(
                "root", "root@example.org", "pw"
            )
        else:
            user = django_user_model.objects.create_user(
                role, f"{role}@example.org", "pw", is_staff=True
            )
            group = {
                "programme_editor": "Programme editors",
                "registration_manager": "Registration managers",
            }[role]
            user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        return client

    return make


def admin_models() -> list[str]:
    return sorted(model._meta.label_lower for model in admin.site._registry)


def expected_admin_answer(role: str, label: str) -> int:
    if role in ("anonymous", "invitee"):
        return 302  # to the login page
    if role == "superuser" or label.split(".")[0] in MANAGES[role]:
        return 200
    return 403


@pytest.mark.parametrize("role", ROLES)
def test_admin_changelists_answer_each_role_as_designed(as_role, role):
    client = as_role(role)
    answers = {
        label: client.get(
            reverse("admin:{}_{}_changelist".format(*label.split(".")))
        ).status_code
        for label in admin_models()
    }

    assert answers == {label: expected_admin_answer(role, label) for label in answers}


@pytest.mark.parametrize("role", ROLES)
def test_admin_add_pages_answer_each_role_as_designed(as_role, role):
    client = as_role(role)
    addable = [
        label
        for label in admin_models()
        if label.split(".")[0] in {"events", "speakers", "registration", "organisers"}
        and label != "registration.registration"  # registering is the invitee's
        and label != "registration.onlineparticipant"  # so is signing up online
        and label != "organisers.pendingedit"  # an edit is the organiser's
    ]
    answers = {
        label: client.get(
            reverse("admin:{}_{}_add".format(*label.split(".")))
        ).status_code
        for label in addable
    }

    assert answers == {label: expected_admin_answer(role, label) for label in answers}


def test_nobody_adds_a_registration_in_the_admin(as_role):
    """People register through their link, where capacity and consent rules apply."""
    answer = as_role("superuser").get(reverse("admin:registration_registration_add"))

    assert answer.status_code == 403


def staff_pages(conference_slug: str) -> list[str]:
    kwargs = {"conference": conference_slug}
    return [
        reverse("registration:staff", kwargs=kwargs),
        reverse("registration:checkin", kwargs=kwargs),
        reverse("registration:badges", kwargs=kwargs),
        reverse(
            "registration:export",
            kwargs={**kwargs, "report": "participants", "fmt": "csv"},
        ),
        reverse(
            "registration:export",
            kwargs={**kwargs, "report": "dietary", "fmt": "xlsx"},
        ),
        reverse("admin:registration_invitation_upload"),
    ]


STAFF_PAGE_ANSWERS = {
    "anonymous": 302,
    "invitee": 302,
    "programme_editor": 403,
    "registration_manager": 200,
    "superuser": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_registration_staff_pages_answer_each_role_as_designed(as_role, role):
    registration = RegistrationFactory()
    client = as_role(role)
    if role == "invitee":
        client.get(
            reverse(
                "registration:invitation",
                kwargs={"token": registration.invitation.token},
            )
        )

    answers = {
        url: client.get(url).status_code
        for url in staff_pages(registration.conference.slug)
    }

    assert answers == dict.fromkeys(answers, STAFF_PAGE_ANSWERS[role])


def test_checkin_needs_its_own_permission(django_user_model):
    """Staff with only view permission see the lists but cannot check people in."""
    registration = RegistrationFactory()
    user = django_user_model.objects.create_user("viewer", "v@example.org", "pw")
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client = Client()
    client.force_login(user)
    url = reverse(
        "registration:checkin", kwargs={"conference": registration.conference.slug}
    )

    assert client.get(url).status_code == 403
    assert (
        client.get(
            reverse(
                "registration:staff",
                kwargs={"conference": registration.conference.slug},
            )
        ).status_code
        == 200
    )


# The API: writes by role


def api_objects() -> dict[str, object]:
    conference = factories.ConferenceFactory(slug="perm-2026")
    session = factories.SessionFactory(conference=conference, room=None)
    return {
        "conferences": conference,
        "sessions": session,
        "rooms": factories.RoomFactory(),
        "organisations": factories.OrganisationFactory(),
        "people": factories.PersonFactory(),
        "participations": factories.ParticipationFactory(session=session),
        "agenda-items": factories.AgendaItemFactory(session=session),
        "session-organisers": factories.SessionOrganiserFactory(session=session),
        "session-sections": factories.SessionSectionFactory(session=session),
    }


def create_payloads(objects: dict) -> dict[str, dict]:
    session = objects["sessions"]
    return {
        "conferences": {
            "title": "Another",
            "slug": "another",
            "start_date": "2026-05-04",
            "end_date": "2026-05-05",
        },
        "sessions": {
            "conference": session.conference.slug,
            "title": "Networking",
            "slug": "networking",
            "start": "2026-04-20T18:00:00+02:00",
            "end": "2026-04-20T19:00:00+02:00",
        },
        "rooms": {"name": "Ratsaal", "slug": "ratsaal", "venue": "hofburg"},
        "organisations": {"name": "UNODC", "short_name": "UNODC", "slug": "unodc"},
        "people": {"slug": "anna-b", "family_name": "Berger"},
        "participations": {
            "session": session.pk,
            "person": objects["people"].pk,
            "role": "speaker",
        },
        "agenda-items": {"session": session.pk, "title": "Welcome", "order": 1},
        "session-organisers": {
            "session": session.pk,
            "organisation": objects["organisations"].pk,
            "role": "organiser",
        },
        "session-sections": {
            "session": session.pk,
            "title": "Background",
            "body": "Trafficking for forced criminality has grown.",
        },
    }


def detail_url(path: str, obj: object) -> str:
    key = obj.slug if path == "conferences" else obj.pk
    return f"/api/v1/{path}/{key}/"


API_ANSWERS = {
    # (create, update, delete)
    "anonymous": (401, 401, 401),
    "invitee": (401, 401, 401),
    "programme_editor": (201, 200, 204),
    "registration_manager": (403, 403, 403),
    "superuser": (201, 200, 204),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "path",
    [
        "conferences",
        "sessions",
        "rooms",
        "organisations",
        "people",
        "participations",
        "agenda-items",
        "session-organisers",
        "session-sections",
    ],
)
def test_api_writes_answer_each_role_as_designed(as_role, role, path):
    objects = api_objects()
    client = as_role(role)
    url = detail_url(path, objects[path])

    created = client.post(
        f"/api/v1/{path}/",
        create_payloads(objects)[path],
        content_type="application/json",
    )
    updated = client.patch(url, {}, content_type="application/json")
    if path == "conferences":  # sessions still refer to it: unlink them first
        objects["sessions"].delete()
    deleted = client.delete(url)

    answers = (created.status_code, updated.status_code, deleted.status_code)
    assert answers == API_ANSWERS[role]
    assert created["Content-Type"] == "application/json"


# Personal data stays private

NAME = "Zebulon Quaxtrove"
EMAIL = "zebulon.quaxtrove@registrant.example"


def test_registrants_never_appear_in_public_pages_api_cache_or_logs(
    client, caplog, settings
):
    settings.PUBLIC_CACHE_ENABLED = True
    caplog.set_level(logging.DEBUG)
    conference = factories.ConferenceFactory()
    session = factories.SessionFactory(
        conference=conference, online_link_on_registration=True
    )
    person = factories.ParticipationFactory(session=session).person
    invitation = InvitationFactory(conference=conference, name=NAME, email=EMAIL)
    link = reverse("registration:invitation", kwargs={"token": invitation.token})
    given, family = NAME.split()
    caplog.clear()  # from here on, only what the application logs
    response = client.post(
        link,
        {
            "given_name": given,
            "family_name": family,
            "email": EMAIL,
            "organisation": "Quaxtrove Foundation",
            "language": "en",
            "attendance": "in_person",
            "sessions": [session.pk],
            "consent": "on",
            "submission_key": "8f8a2c4e-8a52-4d7e-b0f7-0d4c3c1f7f01",
        },
    )
    Client().post(
        reverse("registration:online", kwargs={"conference": conference.slug}),
        {"name": NAME, "email": EMAIL, "language": "en", "consent": "on"},
    )
    assert response.status_code == 302
    slug = {"conference": conference.slug}
    public = [
        reverse("events:conference_list"),
        reverse("events:archive"),
        reverse("events:conference", kwargs=slug),
        reverse("events:programme", kwargs=slug),
        reverse("events:organisations", kwargs=slug),
        reverse("events:rooms", kwargs=slug),
        session.get_absolute_url(),
        reverse("speakers:index"),
        person.get_absolute_url(),
        reverse("feeds:conference_ical", kwargs=slug),
        reverse("feeds:schedule_xml", kwargs=slug),
        reverse("feeds:schedule_json", kwargs=slug),
        reverse("registration:privacy"),
        *[
            f"/api/v1/{path}/"
            for path in (
                "conferences",
                "sessions",
                "rooms",
                "organisations",
                "people",
                "participations",
                "agenda-items",
                "session-organisers",
                "session-sections",
                "deletions",
            )
        ],
        "/api/v1/schema/",
    ]
    visitor = Client()
    pages = {url: visitor.get(url) for url in public}
    pages |= {f"{url} (again)": visitor.get(url) for url in public}  # from the cache

    assert {url: page.status_code for url, page in pages.items()} == dict.fromkeys(
        pages, 200
    )
    for url, page in pages.items():
        content = b"".join(page) if page.streaming else page.content
        for secret in (NAME, family, EMAIL, "Quaxtrove"):
            assert secret.encode() not in content, url
    # Local memory in tests: pickled entries, each body also kept uncompressed.
    stored = b"".join(pickle.dumps(value) for value in cache._cache.values())
    assert sum(":alliance:page:" in key for key in cache._cache) >= len(public)
    for secret in (family.encode(), EMAIL.encode()):
        assert secret not in stored
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    for secret in (family, EMAIL, invitation.token):
        assert secret not in logged


# The history of registration data


def test_a_change_to_an_invitation_in_admin_is_kept_with_who_made_it(
    admin_client, admin_user
):
    invitation = InvitationFactory(name="Anna Delegate", seats=1)
    url = reverse("admin:registration_invitation_change", args=[invitation.pk])
    expires = invitation.expires_at.astimezone()

    response = admin_client.post(
        url,
        {
            "conference": invitation.conference.pk,
            "name": "Anna Delegate-Berger",
            "email": invitation.email,
            "organisation": invitation.organisation,
            "delegation": invitation.delegation,
            "category": invitation.category,
            "position": "",
            "language": "en",
            "seats": "2",
            "expires_at_0": expires.strftime("%Y-%m-%d"),
            "expires_at_1": expires.strftime("%H:%M:%S"),
            "registrations-TOTAL_FORMS": "0",
            "registrations-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    (version,) = Version.objects.get_for_object(invitation)
    assert version.revision.user == admin_user
    assert version.field_dict["name"] == "Anna Delegate-Berger"
    assert version.field_dict["seats"] == 2
    history = admin_client.get(
        reverse("admin:registration_invitation_history", args=[invitation.pk])
    )
    assert history.status_code == 200


def test_a_registration_is_kept_in_its_invitations_history(admin_client):
    registration = RegistrationFactory(given_name="Anna")
    invitation = registration.invitation
    url = reverse("admin:registration_invitation_changelist")

    admin_client.post(
        url, {"action": "revoke_action", "_selected_action": [invitation.pk]}
    )

    invitation.refresh_from_db()
    (version,) = Version.objects.get_for_object(invitation)
    stored = {v.object_id for v in version.revision.version_set.all()}
    assert invitation.status == Invitation.Status.REVOKED
    assert str(registration.pk) in stored


def test_erasing_a_person_also_erases_their_history(admin_client):
    registration = RegistrationFactory(given_name="Anna")
    invitation = registration.invitation
    admin_client.post(
        reverse("admin:registration_invitation_changelist"),
        {"action": "revoke_action", "_selected_action": [invitation.pk]},
    )
    assert Version.objects.get_for_object(invitation).count() == 1

    admin_client.post(
        reverse("admin:registration_invitation_changelist"),
        {
            "action": "erase_action",
            "_selected_action": [invitation.pk],
            "post": "yes",
        },
    )

    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert Version.objects.get_for_model(Invitation).count() == 0
    assert not Version.objects.filter(serialized_data__contains=invitation.email)


# Drafts: one rule (events.visibility.sees_drafts) for the site, feeds and API

SEES_DRAFTS = {
    "anonymous": False,
    "invitee": False,
    "programme_editor": True,  # staff who may view sessions in the admin
    "registration_manager": False,  # staff, but not of the programme
    "superuser": True,
}


@pytest.mark.parametrize("role", ROLES)
def test_drafts_show_to_each_role_as_designed(as_role, role):
    conference = factories.ConferenceFactory()
    draft = factories.SessionFactory(
        conference=conference, title="Draft round table", is_published=False
    )
    client = as_role(role)
    sees = SEES_DRAFTS[role]

    page = client.get(draft.get_absolute_url())
    feed = client.get(
        reverse("feeds:conference_ical", kwargs={"conference": conference.slug})
    )
    api = client.get(f"/api/v1/sessions/{draft.pk}/")

    assert page.status_code == (200 if sees else 404)
    assert feed.status_code == 200
    assert ("Draft round table" in feed.text) is sees
    assert api.status_code == (200 if sees else 404)
