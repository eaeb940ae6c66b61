"""The API fuzzed against its own OpenAPI schema (schemathesis, in process).

Every operation of /api/v1/schema/ gets a fixed number of generated requests, valid
and invalid, sent as a programme editor (so writes are exercised too) to a database
seeded with fixtures/*.json. No answer may be a 5xx, and every answer must match
the status codes, content types and bodies the schema documents. Each example runs
in a savepoint that is rolled back, so examples do not see each other's writes.
"""

from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from events.models import (
    AgendaItem,
    Conference,
    Organisation,
    Room,
    Session,
    SessionOrganiser,
    SessionSection,
)
from speakers.models import Participation, Person

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# 55 operations x 20 examples: about 1100 requests, half a minute.
EXAMPLES_PER_OPERATION = 20

pytestmark = pytest.mark.django_db

# Path parameters point at seeded rows half of the time, so updates and deletes
# reach real objects instead of answering 404 to every random id.
SEEDED_IDS: dict[str, list] = {}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """fixtures/*.json once for the module, removed again at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        fixtures = sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))
        call_command("loaddata", *fixtures, verbosity=0)
        editor = Group.objects.get(name="Programme editors")
        user = editor.user_set.model.objects.create_user(
            "fuzz-editor", "fuzz@example.org", "pw", is_staff=True
        )
        user.groups.add(editor)
        token = Token.objects.create(user=user)
        SEEDED_IDS.update(
            {
                "/api/v1/conferences/{slug}/": list(
                    Conference.objects.values_list("slug", flat=True)
                ),
                "/api/v1/sessions/{id}/": list(
                    Session.objects.values_list("pk", flat=True)
                ),
                "/api/v1/rooms/{id}/": list(Room.objects.values_list("pk", flat=True)),
                "/api/v1/organisations/{id}/": list(
                    Organisation.objects.values_list("pk", flat=True)
                ),
                "/api/v1/people/{id}/": list(
                    Person.objects.values_list("pk", flat=True)
                ),
                "/api/v1/participations/{id}/": list(
                    Participation.objects.values_list("pk", flat=True)
                ),
                "/api/v1/agenda-items/{id}/": list(
                    AgendaItem.objects.values_list("pk", flat=True)
                ),
                "/api/v1/session-organisers/{id}/": list(
                    SessionOrganiser.objects.values_list("pk", flat=True)
                ),
                "/api/v1/session-sections/{id}/": list(
                    SessionSection.objects.values_list("pk", flat=True)
                ),
            }
        )
        try:
            yield token.key
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            SEEDED_IDS.clear()


class _TestWSGIHandler(WSGIHandler):
    """Django's WSGI handler without closing the connection around each request.

    The test database lives in one open transaction; Django's own test client
    disconnects these signals the same way.
    """

    def __call__(self, environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return super().__call__(environ, start_response)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


# The schema view reads no database, so it loads at collection, one test per
# operation. Only the fuzzing phase runs (valid and invalid data), so the number of
# requests is bounded; the coverage phase would send hundreds more per operation.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/",
    _TestWSGIHandler(),
    config=schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}}),
)


@schemathesis.hook
def flatmap_path_parameters(ctx, path_parameters):
    """Keep the generated value, or swap in the id of a seeded row."""
    known = SEEDED_IDS.get(ctx.operation.path)
    if not known or not path_parameters:
        return st.just(path_parameters)
    name = "slug" if "{slug}" in ctx.operation.path else "id"
    return st.one_of(
        st.just(path_parameters),
        st.sampled_from(known).map(lambda value: {**path_parameters, name: value}),
    )


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_request_as_its_schema_says(case, seeded):
    with transaction.atomic():
        case.call_and_validate(
            headers={"Authorization": f"Token {seeded}"}, checks=CHECKS
        )
        transaction.set_rollback(True)
