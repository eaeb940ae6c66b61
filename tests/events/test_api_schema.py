"""The OpenAPI document tells the truth: Redocly lints it, a generated client reads it.

Redocly CLI (npm) lints the document the API serves with its recommended rules
(``redocly.yaml`` names the one rule switched off, and why). openapi-python-client
generates a typed client from the same document, and that client, with no
credentials and no hand fixes, reads sessions, rooms and people from a live server:
if the schema and the answers disagreed, its parsing would fail. Each tool runs
once per test process, the slow part kept to one fixture.
"""

import datetime as dt
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import factories

ROOT = Path(__file__).resolve().parents[2]
REDOCLY = ROOT / "node_modules" / ".bin" / "redocly"
GENERATOR = Path(sys.executable).with_name("openapi-python-client")
PACKAGE = "alliance_conference_api_client"


def missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the schema checks must run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory, django_db_blocker) -> Path:
    """The document exactly as /api/v1/schema/ serves it, as JSON."""
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    path = tmp_path_factory.mktemp("schema") / "openapi.json"
    path.write_bytes(response.content)
    return path


# Side-event proposals, their reviews and decisions: staff only, reads included.
STAFF_ONLY = ("/api/v1/proposals/", "/api/v1/reviews/", "/api/v1/decisions/")
# Attendees' "My programme" selections: anonymous for every verb.
ANONYMOUS_WRITES = ("/api/v1/selections/",)


def test_public_reads_are_anonymous_and_writes_need_credentials(schema_file):
    schema = json.loads(schema_file.read_text())

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            anonymous = {} in operation["security"]
            public = (
                method == "get" and not path.startswith(STAFF_ONLY)
            ) or path.startswith(ANONYMOUS_WRITES)
            assert anonymous == public, (method, path)


def test_every_operation_has_a_summary_and_a_declared_tag(schema_file):
    schema = json.loads(schema_file.read_text())
    declared = {tag["name"] for tag in schema["tags"]}

    summaries = {
        (method, path): operation["summary"]
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }
    assert summaries[("get", "/api/v1/sessions/")] == "List sessions"
    assert summaries[("get", "/api/v1/people/{id}/")] == "Read a person"
    assert summaries[("post", "/api/v1/agenda-items/")] == "Create an agenda item"
    assert all(summaries.values())
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert set(operation["tags"]) <= declared
    assert schema["servers"] == [
        {"url": "/", "description": "This Alliance installation"}
    ]
    assert schema["info"]["license"]["name"]
    assert schema["info"]["contact"]["url"] == "https://www.osce.org/cthb"


def test_moments_have_their_format_and_nullable_references_their_type(schema_file):
    schema = json.loads(schema_file.read_text())
    components = schema["components"]["schemas"]
    assert schema["openapi"] == "3.1.0"
    assert "nullable" not in schema_file.read_text()

    assert components["Session"]["properties"]["start"]["format"] == "date-time"
    assert components["Session"]["properties"]["end"]["format"] == "date-time"
    for component, field in [
        ("Session", "room"),
        ("Conference", "venue"),
        ("Conference", "organiser"),
        ("Person", "organisation"),
    ]:
        prop = components[component]["properties"][field]
        assert prop["oneOf"][1] == {"type": "null"}, component
        assert prop["oneOf"][0]["$ref"].startswith("#/components/schemas/")


def test_redocly_recommended_rules_find_no_problem(schema_file):
    if not REDOCLY.exists():
        missing("node_modules/.bin/redocly is needed (make test installs it)")
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [str(REDOCLY), "lint", str(schema_file), "--config", "redocly.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Your API description is valid" in output
    assert "warning" not in output.lower().replace("deprecation warning", "")


@pytest.fixture(scope="module")
def generated_client(schema_file, tmp_path_factory):
    """A client generated from the document, importable as a package."""
    if not GENERATOR.exists():
        missing("openapi-python-client is needed (pip install -e '.[dev]')")
    out = tmp_path_factory.mktemp("client")
    subprocess.run(  # noqa: S603 -- fixed arguments
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(schema_file),
            "--output-path",
            str(out / "client"),
            "--meta",
            "none",
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module("client")
    finally:
        sys.path.remove(str(out))
        for name in [name for name in sys.modules if name.split(".")[0] == "client"]:
            del sys.modules[name]


@pytest.mark.django_db(transaction=True)
def test_a_generated_client_reads_sessions_rooms_and_people_anonymously(
    generated_client, live_server, settings
):
    settings.PUBLIC_CACHE_ENABLED = False
    conference = factories.ConferenceFactory(slug="alliance-26")
    session = factories.SessionFactory(
        conference=conference,
        slug="launch",
        title="Launch of the Study",
        start=dt.datetime(2026, 4, 20, 16, 45, tzinfo=factories.VIENNA),
        room__name="Neuer Saal",
        room__slug="neuer-saal",
    )
    participation = factories.ParticipationFactory(
        session=session, person__family_name="Moderata"
    )
    factories.SessionFactory(conference=conference, slug="lunch", room=None)
    api = importlib.import_module("client.api")
    sessions_list = importlib.import_module("client.api.sessions.sessions_list")
    rooms_list = importlib.import_module("client.api.rooms.rooms_list")
    people_retrieve = importlib.import_module("client.api.people.people_retrieve")
    assert api  # the package of operations, one module per tag
    with generated_client.Client(base_url=live_server.url) as client:
        sessions = sessions_list.sync(client=client, conference="alliance-26")
        rooms = rooms_list.sync(client=client, conference="alliance-26")
        person = people_retrieve.sync(client=client, id=participation.person_id)

    by_slug = {row.slug: row for row in sessions.results}
    assert sorted(by_slug) == ["launch", "lunch"]
    assert by_slug["launch"].start == dt.datetime(
        2026, 4, 20, 16, 45, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )
    assert by_slug["launch"].room.name == "Neuer Saal"
    assert by_slug["lunch"].room is None
    assert [room.slug for room in rooms.results] == ["neuer-saal"]
    assert person.family_name == "Moderata"
    assert person.participations[0].session == session.pk


@pytest.mark.django_db(transaction=True)
def test_a_generated_client_keeps_a_my_programme_selection_anonymously(
    generated_client, live_server, settings
):
    settings.PUBLIC_CACHE_ENABLED = False
    conference = factories.ConferenceFactory(slug="alliance-26")
    first, second = factories.SessionFactory.create_batch(2, conference=conference)
    operations = "client.api.selections.selections_"
    create = importlib.import_module(operations + "create")
    update = importlib.import_module(operations + "update")
    retrieve = importlib.import_module(operations + "retrieve")
    destroy = importlib.import_module(operations + "destroy")
    models = importlib.import_module("client.models")
    with generated_client.Client(base_url=live_server.url) as client:
        made = create.sync(
            client=client,
            body=models.SelectionWriteRequest(
                conference="alliance-26", sessions=[first.pk]
            ),
        )
        replaced = update.sync(
            client=client,
            id=made.id,
            body=models.SelectionReplaceRequest(sessions=[first.pk, second.pk]),
        )
        read = retrieve.sync(client=client, id=made.id)
        gone = destroy.sync_detailed(client=client, id=made.id)

    assert made.sessions == [first.pk]
    assert made.feed_url == f"{live_server.url}/feeds/alliance-26/my/{made.id}.ics"
    assert replaced.sessions == read.sessions == [first.pk, second.pk]
    assert read.updated_at >= made.created_at
    assert gone.status_code == 204
