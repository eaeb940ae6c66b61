"""A corpus of bad input for every form and write endpoint.

Each case gets a clear message (a form error, 400) or a 4xx with a JSON body naming
the field, never a 500, and stores nothing. Text that is merely unusual (right-to-
left marks, combining characters, emoji) is kept exactly; HTML and script in text
fields are stored as typed and shown escaped on every page and in e-mails.
"""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from events.models import (
    AgendaItem,
    Conference,
    Organisation,
    Room,
    Session,
    SessionOrganiser,
    SessionSection,
)
from registration.emails import build_and_send
from registration.forms import InvitationUploadForm
from registration.models import CheckIn, Invitation, OnlineParticipant, Registration
from speakers.models import Participation, Person
from tests import factories
from tests.registration.factories import InvitationFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_conference")]


@pytest.fixture(autouse=True)
def _in_english():
    """Addresses and messages in English, whatever an earlier test switched to."""
    with translation.override("en"):
        yield


SCRIPT = '<script>alert("x")</script><b>bold</b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"
UNICODE_NAMES = [
    "\u200fمريم\u200f",  # right-to-left marks around Arabic
    "Zoe\u0308 Ne\u0301meth",  # combining diaeresis and acute
    "Anna 👩\u200d⚖️ 🇦🇹",  # emoji with zero-width joiner and a flag
    "Ølga Ǆurić",
]


def register_data(**overrides) -> dict:
    return {
        "honorific": "Ms.",
        "given_name": "Anna",
        "family_name": "Berger",
        "position": "Head of Unit",
        "organisation": "Ministry of Interior",
        "delegation": "Austria",
        "email": "anna.berger@example.org",
        "language": "en",
        "attendance": "in_person",
        "interpretation": "ru",
        "accessibility_needs": "",
        "dietary_needs": "",
        "consent": "on",
        "submission_key": "8f8a2c4e-8a52-4d7e-b0f7-0d4c3c1f7f01",
        **overrides,
    }


# The registration form (new and changed registrations)

REGISTRATION_CASES = [
    ("given_name", "x" * 151),
    ("family_name", "x" * 151),
    ("position", "x" * 301),
    ("organisation", "x" * 301),
    ("delegation", "x" * 201),
    ("accessibility_needs", "x" * 2001),
    ("dietary_needs", "x" * 2001),
    ("given_name", ""),
    ("given_name", "   "),
    ("family_name", "\t\n "),
    ("email", ""),
    ("email", "not-an-email"),
    ("email", "anna@"),
    ("email", "x" * 250 + "@example.org"),
    ("given_name", "Anna\x00"),
    ("organisation", "\x00"),
    ("email", "anna\x00@example.org"),
    ("dietary_needs", "none\x00"),
    ("honorific", "Queen"),
    ("language", "de"),
    ("attendance", "teleport"),
    ("attendance", ""),
    ("interpretation", "fr"),
    ("sessions", "abc"),
    ("sessions", "999999"),
    ("sessions", "1.5"),
    ("submission_key", "not-a-uuid"),
    ("consent", ""),
    ("sessions", "abc"),
    ("sessions", "999999"),
]


@pytest.mark.parametrize(("field", "value"), REGISTRATION_CASES)
def test_bad_registration_is_a_form_error_and_stores_nothing(client, field, value):
    invitation = InvitationFactory()
    url = reverse("registration:invitation", kwargs={"token": invitation.token})

    response = client.post(url, register_data(**{field: value}))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(("field", "value"), REGISTRATION_CASES)
def test_bad_change_is_a_form_error_and_changes_nothing(client, field, value):
    registration = RegistrationFactory(given_name="Anna", family_name="Berger")
    url = reverse(
        "registration:change",
        kwargs={"token": registration.invitation.token, "pk": registration.pk},
    )

    response = client.post(url, register_data(**{field: value}))

    registration.refresh_from_db()
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert (registration.given_name, registration.family_name) == ("Anna", "Berger")


def test_a_side_event_of_another_conference_is_refused(client):
    invitation = InvitationFactory()
    elsewhere = factories.SessionFactory()
    url = reverse("registration:invitation", kwargs={"token": invitation.token})

    response = client.post(url, register_data(sessions=[elsewhere.pk]))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["sessions"]
    assert Registration.objects.count() == 0


@pytest.mark.parametrize("name", UNICODE_NAMES)
def test_unusual_unicode_is_kept_exactly(client, name):
    invitation = InvitationFactory()
    url = reverse("registration:invitation", kwargs={"token": invitation.token})

    response = client.post(url, register_data(given_name=name, family_name=name))
    page = client.get(url)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.given_name, registration.family_name) == (name, name)
    assert name in page.text


@pytest.mark.parametrize("token", ["x" * 5000, "../../etc/passwd", "%E2%80%8F", "a b"])
def test_strange_tokens_get_the_link_problem_page(client, token):
    response = client.get(f"/en/registration/i/{token}/")

    assert response.status_code == 404


def test_a_nul_in_an_address_or_query_is_a_400(client):
    conference = factories.ConferenceFactory()

    assert client.get("/en/registration/i/abc%00/").status_code == 400
    assert client.get(f"/en/{conference.slug}/programme/?q=%00").status_code == 400
    assert client.get("/api/v1/conferences/abc%00/").status_code == 400
    assert client.get("/api/v1/sessions/?q=%00").status_code == 400


# HTML and script in every text field: escaped on every page and in the e-mails

NO_MARKUP = {"given_name": "Anna", "family_name": "Berger", "organisation": "NGO"}
TEXT_FIELDS = [
    "given_name",
    "family_name",
    "position",
    "organisation",
    "delegation",
    "accessibility_needs",
    "dietary_needs",
]


def test_html_in_every_field_is_stored_as_typed_and_shown_escaped(
    client, admin_client, run_worker
):
    invitation = InvitationFactory(name=SCRIPT, organisation=SCRIPT)
    conference = invitation.conference
    url = reverse("registration:invitation", kwargs={"token": invitation.token})

    # Names and organisations refuse < and > (they are printed on badges); the
    # invitation's own, made by staff before that rule, still show escaped.
    typed = {**dict.fromkeys(TEXT_FIELDS, SCRIPT), **NO_MARKUP}
    response = client.post(url, register_data(**typed, interpretation=""))
    registration = Registration.objects.get()
    run_worker()
    staff = {"conference": conference.slug}
    pages = [
        client.get(url),
        client.get(
            reverse(
                "registration:change",
                kwargs={"token": invitation.token, "pk": registration.pk},
            )
        ),
        admin_client.get(reverse("registration:staff", kwargs=staff)),
        admin_client.get(
            reverse("registration:checkin", kwargs=staff), {"q": "script"}
        ),
        admin_client.get(
            reverse("admin:registration_registration_change", args=[registration.pk])
        ),
        admin_client.get(reverse("admin:registration_registration_changelist")),
        admin_client.get(
            reverse("admin:registration_invitation_change", args=[invitation.pk])
        ),
    ]

    assert response.status_code == 302
    assert [getattr(registration, name) for name in TEXT_FIELDS] == [
        typed[name] for name in TEXT_FIELDS
    ]
    for page in pages:
        assert page.status_code == 200
        assert "<script>alert" not in page.text
    assert ESCAPED in pages[0].text
    assert "Berger" in pages[3].text


def test_html_in_a_name_stored_before_the_rule_is_escaped_in_e_mails():
    registration = RegistrationFactory(given_name=SCRIPT, organisation=SCRIPT)

    assert build_and_send("confirmation", registration.pk) is True

    (message,) = mail.outbox
    html, _mimetype = message.alternatives[0]
    assert SCRIPT in message.body  # plain text shows what was typed
    assert "<script>alert" not in html
    assert ESCAPED in html
    assert "<script>" not in message.subject


def test_html_in_the_programme_is_escaped_on_public_pages(client):
    conference = factories.ConferenceFactory(title=SCRIPT)
    session = factories.SessionFactory(
        conference=conference, title=SCRIPT, description=SCRIPT
    )
    person = factories.PersonFactory(given_name=SCRIPT, position=SCRIPT)
    factories.ParticipationFactory(session=session, person=person)
    pages = [
        client.get(conference.get_absolute_url()),
        client.get(reverse("events:programme", kwargs={"conference": conference.slug})),
        client.get(session.get_absolute_url()),
        client.get(person.get_absolute_url()),
        client.get(reverse("speakers:index")),
    ]

    assert [page.status_code for page in pages] == [200] * 5
    for page in pages:
        assert "<script>alert" not in page.text
        assert "&lt;script&gt;" in page.text


# The online sign-up and the check-in desk

SIGNUP_CASES = [
    ("name", "x" * 201),
    ("name", "  "),
    ("name", "Anna\x00"),
    ("email", "nobody"),
    ("email", ""),
    ("organisation", "x" * 301),
    ("language", "xx"),
    ("consent", ""),
]


@pytest.mark.parametrize(("field", "value"), SIGNUP_CASES)
def test_bad_online_signup_is_a_form_error(client, field, value):
    session = factories.SessionFactory(online_link_on_registration=True)
    url = reverse("registration:online", kwargs={"conference": session.conference.slug})
    data = {
        "name": "Anna Berger",
        "email": "anna@example.org",
        "language": "en",
        "consent": "on",
        field: value,
    }

    response = client.post(url, data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert OnlineParticipant.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"code": "x" * 65}, "code"),
        ({"code": ""}, "code"),
        ({"code": "abc\x00"}, "code"),
        ({"code": "abc", "session": "999999"}, "session"),
        ({"code": "abc", "session": "abc"}, "session"),
    ],
)
def test_bad_checkin_input_is_a_form_error(admin_client, data, field):
    conference = factories.ConferenceFactory()

    response = admin_client.post(
        reverse("registration:checkin", kwargs={"conference": conference.slug}), data
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert CheckIn.objects.count() == 0


def test_an_unknown_checkin_code_is_a_message(admin_client):
    conference = factories.ConferenceFactory()

    response = admin_client.post(
        reverse("registration:checkin", kwargs={"conference": conference.slug}),
        {"code": "no-such-code"},
    )

    assert response.status_code == 200
    assert response.context["result"] is not None
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize(
    "ids",
    [
        "abc",
        "1,,2",
        "1;2",
        "\u0661",
        "1,\u0662",
        "\uff11",
        "9" * 40,
        "-1",
        "+1",
        " 1",
        "1 ",
        "0",
        "1_000",
        ",",
    ],
)
def test_bad_badge_ids_are_a_400(admin_client, ids):
    conference = factories.ConferenceFactory()

    response = admin_client.get(
        reverse("registration:badges", kwargs={"conference": conference.slug}),
        {"ids": ids},
    )

    assert response.status_code == 400
    assert response.text == "ids must be numbers separated by commas."


def test_an_empty_badge_id_list_is_a_400(admin_client):
    """ "?ids=" names no registration: refused, not read as "every badge"."""
    conference = factories.ConferenceFactory()

    response = admin_client.get(
        reverse("registration:badges", kwargs={"conference": conference.slug}) + "?ids="
    )

    assert response.status_code == 400
    assert response.text == "ids must be numbers separated by commas."


@pytest.mark.parametrize("ids", ["1", "1,2", "007", str(2**63 - 1)])
def test_good_badge_ids_are_a_200(admin_client, ids):
    conference = factories.ConferenceFactory()

    response = admin_client.get(
        reverse("registration:badges", kwargs={"conference": conference.slug}),
        {"ids": ids},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


# Admin forms of registration


def invitation_form(conference: Conference, **overrides) -> dict:
    return {
        "conference": conference.pk,
        "name": "Anna Berger",
        "email": "anna@example.org",
        "category": "other",
        "language": "en",
        "seats": "1",
        "expires_at_0": "2026-04-01",
        "expires_at_1": "12:00:00",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
        **overrides,
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "x" * 201),
        ("name", "  "),
        ("name", "Anna\x00"),
        ("email", "nobody@"),
        ("seats", "-1"),
        ("seats", "abc"),
        ("expires_at", "2026-02-30"),
        ("expires_at", "yesterday"),
        ("conference", "999999"),
        ("category", "royalty"),
    ],
)
def test_bad_invitation_in_admin_is_a_form_error(admin_client, field, value):
    conference = factories.ConferenceFactory()
    data = invitation_form(conference)
    if field == "expires_at":
        data["expires_at_0"] = value
    else:
        data[field] = value

    response = admin_client.post(reverse("admin:registration_invitation_add"), data)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == [field]
    assert Invitation.objects.count() == 0


# Invitation upload (CSV / XLSX)


def upload(client, conference, content: bytes, name: str = "list.csv", **extra):
    return client.post(
        reverse("admin:registration_invitation_upload"),
        {
            "conference": conference.pk,
            "file": SimpleUploadedFile(name, content),
            **extra,
        },
    )


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = "name,email,organisation\n"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "list.csv", "The submitted file is empty."),
        (b"\n\n", "list.csv", "The file is empty."),
        ("name;email\nÖlga;o@example.org\n".encode("cp1252"), "list.csv", "UTF-8"),
        (b"\xff\xfe\x00n\x00a", "list.csv", "UTF-8"),
        (b"organisation,delegation\nOSCE,\n", "list.csv", "missing: email, name"),
        (b"PK\x03\x04 not a zip", "list.xlsx", "not a readable XLSX file"),
        (b"name,email\nAnna,a@example.org\n", "list.xlsx", "not a readable XLSX"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(
    admin_client, content, name, message
):
    conference = factories.ConferenceFactory()

    response = upload(admin_client, conference, content, name)

    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert message in errors[0]
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("," + "a@example.org,OSCE", "name is missing"),
        ("x" * 201 + ",a@example.org,OSCE", "name is longer than 200 characters"),
        ("Anna,not-an-email,OSCE", "is not an e-mail address"),
        ("Anna," + "x" * 250 + "@example.org,OSCE", "is not an e-mail address"),
        ("Anna\x00,a@example.org,OSCE", "NUL"),
        ("Anna,a@example.org,OSCE\x00", "NUL"),
    ],
)
def test_a_bad_row_is_reported_and_nothing_is_imported(admin_client, row, problem):
    conference = factories.ConferenceFactory()
    content = (HEADER + "Boris,boris@example.org,OSCE\n" + row + "\n").encode()

    response = upload(admin_client, conference, content)

    assert response.status_code == 400
    ((number, message),) = response.context["report"].errors
    assert number == 3
    assert problem in message
    assert Invitation.objects.count() == 0


def test_bad_xlsx_rows_are_reported(admin_client):
    conference = factories.ConferenceFactory()
    content = xlsx(
        [
            ["name", "email", "seats"],
            ["Anna", "anna@example.org", 1],
            ["Boris", "boris@example.org", 1000],
            [SCRIPT, "script@example.org", "abc"],
        ]
    )

    response = upload(admin_client, conference, content, "list.xlsx")

    assert response.status_code == 400
    assert [n for n, _m in response.context["report"].errors] == [3, 4]
    assert "<script>alert" not in response.text
    assert Invitation.objects.count() == 0


def test_an_oversized_upload_is_refused(admin_client):
    conference = factories.ConferenceFactory()
    row = "Anna,anna@example.org," + "x" * 200 + "\n"
    content = (HEADER + row * (InvitationUploadForm.MAX_BYTES // len(row) + 1)).encode()

    response = upload(admin_client, conference, content)

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "The file is larger than 2 MB. Split it into smaller files."
    ]
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("conference", ["", "abc", "999999", "1.5"])
def test_an_upload_without_a_known_conference_is_a_message(admin_client, conference):
    response = admin_client.post(
        reverse("admin:registration_invitation_upload"),
        {
            "conference": conference,
            "file": SimpleUploadedFile("list.csv", b"name,email\nA,a@example.org\n"),
        },
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Choose the conference to invite to."
    ]
    assert Invitation.objects.count() == 0


# The API's write endpoints


@pytest.fixture
def editor_api(api_client, programme_editor):
    api_client.force_authenticate(programme_editor)
    return api_client


@pytest.fixture
def programme() -> dict:
    conference = factories.ConferenceFactory(slug="alliance-2026")
    session = factories.SessionFactory(conference=conference, room=None)
    return {
        "conference": conference,
        "session": session,
        "person": factories.PersonFactory(),
        "organisation": factories.OrganisationFactory(),
        "venue": conference.venue,
    }


def valid_payloads(programme: dict) -> dict[str, dict]:
    return {
        "conferences": {
            "title": "Another",
            "slug": "another",
            "start_date": "2026-05-04",
            "end_date": "2026-05-05",
        },
        "sessions": {
            "conference": programme["conference"].slug,
            "title": "Networking",
            "slug": "networking",
            "start": "2026-04-20T18:00:00+02:00",
            "end": "2026-04-20T19:00:00+02:00",
        },
        "rooms": {"name": "Ratsaal", "slug": "ratsaal", "venue": "hofburg"},
        "organisations": {"name": "UNODC", "short_name": "UNODC", "slug": "unodc"},
        "people": {"slug": "anna-b", "family_name": "Berger"},
        "participations": {
            "session": programme["session"].pk,
            "person": programme["person"].pk,
            "role": "speaker",
        },
        "agenda-items": {
            "session": programme["session"].pk,
            "title": "Welcome",
            "order": 1,
        },
        "session-organisers": {
            "session": programme["session"].pk,
            "organisation": programme["organisation"].pk,
            "role": "co_organiser",
            "order": 1,
        },
        "session-sections": {
            "session": programme["session"].pk,
            "title": "Background",
            "body": "Trafficking for forced criminality has grown.",
            "order": 1,
        },
    }


MODELS = {
    "conferences": Conference,
    "sessions": Session,
    "rooms": Room,
    "organisations": Organisation,
    "people": Person,
    "participations": Participation,
    "agenda-items": AgendaItem,
    "session-organisers": SessionOrganiser,
    "session-sections": SessionSection,
}

API_CASES = [
    ("conferences", "title", "x" * 301),
    ("conferences", "title", "   "),
    ("conferences", "title", "\x00"),
    ("conferences", "start_date", "2026-02-30"),
    ("conferences", "end_date", "2026-05-01"),
    ("conferences", "start_date", 20260504),
    ("conferences", "venue", "hof\x00burg"),
    ("conferences", "organiser", "no-such-organisation"),
    ("conferences", "slug", "with space"),
    ("sessions", "start", "2026-02-30T10:00:00+02:00"),
    ("sessions", "end", "2026-04-20T17:00:00+02:00"),
    ("sessions", "start", "0001-01-01T00:00:00+05:00"),
    ("sessions", "start", "1684-12-25T02:24:29Z"),
    ("sessions", "conference", "alliance-2026\x00"),
    ("sessions", "conference", ["alliance-2026"]),
    ("sessions", "room", 999999),
    ("sessions", "title", {"en": "x"}),
    ("sessions", "description", "\x00"),
    ("rooms", "venue", "\x00"),
    ("rooms", "capacity", "many"),
    ("rooms", "name", ""),
    ("organisations", "name", "x" * 301),
    ("organisations", "other_names", ["x" * 301]),
    ("organisations", "website", "javascript:alert(1)"),
    ("people", "family_name", "\x00"),
    ("people", "organisation", "abc"),
    ("people", "slug", "\u200fslug"),
    ("participations", "session", 999999),
    ("participations", "person", None),
    ("participations", "role", "dancer"),
    ("participations", "order", -1),
    ("agenda-items", "start", "2026-02-30T10:00:00Z"),
    ("agenda-items", "start", "1684-12-25T02:24:29Z"),
    ("agenda-items", "session", "abc"),
    ("agenda-items", "title", "x" * 10001),
    ("session-organisers", "session", 999999),
    ("session-organisers", "session", "abc"),
    ("session-organisers", "organisation", None),
    ("session-organisers", "organisation", 10**30),
    ("session-organisers", "role", "sponsor"),
    ("session-organisers", "order", -1),
    ("session-organisers", "order", 2.5),
    ("session-sections", "session", None),
    ("session-sections", "title", "x" * 201),
    ("session-sections", "title", "   "),
    ("session-sections", "title", "\x00"),
    ("session-sections", "body", ""),
    ("session-sections", "body", ["list"]),
    ("session-sections", "order", "first"),
]


@pytest.mark.parametrize(("path", "field", "value"), API_CASES)
def test_bad_api_writes_are_400_naming_the_field(
    editor_api, programme, path, field, value
):
    payload = valid_payloads(programme)[path] | {field: value}
    before = MODELS[path].objects.count()

    response = editor_api.post(f"/api/v1/{path}/", payload, format="json")

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert field in response.json()
    assert MODELS[path].objects.count() == before


@pytest.mark.parametrize("path", list(MODELS))
def test_the_valid_payloads_of_the_corpus_are_accepted(editor_api, programme, path):
    """The corpus above fails because of the one bad value, not the rest."""
    response = editor_api.post(
        f"/api/v1/{path}/", valid_payloads(programme)[path], format="json"
    )

    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    "body",
    [
        b'{"title": "\\u0000"}',
        b'{"title": ',
        b"[1, 2]",
        b'"text"',
        b"\xff\xfe",
        b'{"title": "' + b"x" * 100 + b'"' + b"}" * 3,
    ],
)
def test_broken_json_bodies_are_400(editor_api, body):
    response = editor_api.generic(
        "POST", "/api/v1/sessions/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert isinstance(response.json(), dict)
    assert Session.objects.count() == 0


def test_an_unknown_media_type_is_415(editor_api):
    response = editor_api.generic(
        "POST", "/api/v1/sessions/", b"title=x", content_type="text/csv"
    )

    assert response.status_code == 415
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "query",
    [
        "year=0",
        "year=2016.5",
        "year=1e400",
        "updated_since=2026-02-30T00:00:00Z",
        "updated_since=0001-01-01T00:00:00%2B05:00",
        "updated_since=2026-01-01T00:00:00-21:43",
    ],
)
def test_bad_filters_are_400_naming_the_filter(client, query):
    response = client.get(f"/api/v1/conferences/?{query}")

    name = query.split("=")[0]
    if "-21:43" in query:  # a real moment, in a zone PostgreSQL cannot write
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert name in response.json()


@pytest.mark.parametrize(
    "query", ["room_id=-7.2e191", "room_id=abc", "room_id=99999999999999999999"]
)
def test_bad_id_filters_are_400(client, query):
    response = client.get(f"/api/v1/sessions/?{query}")

    assert response.status_code == 400
    assert "room_id" in response.json()


@pytest.mark.parametrize("path", ["rooms", "session-organisers", "session-sections"])
@pytest.mark.parametrize(
    "query",
    [
        "updated_since=soon",
        "updated_since=2026-02-30T00:00:00Z",
        "updated_since=0001-01-01T00:00:00%2B05:00",
    ],
)
def test_bad_updated_since_is_400_on_every_resource(client, path, query):
    response = client.get(f"/api/v1/{path}/?{query}")

    assert response.status_code == 400
    assert "updated_since" in response.json()


@pytest.mark.parametrize(
    "path", ["agenda-items", "session-organisers", "session-sections"]
)
@pytest.mark.parametrize(
    "query", ["session=abc", "session=-1", "session=99999999999999999999"]
)
def test_bad_session_filters_are_400(client, path, query):
    response = client.get(f"/api/v1/{path}/?{query}")

    assert response.status_code == 400
    assert "session" in response.json()
