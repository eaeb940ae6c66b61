"""A backup restored into an empty database holds every row of the original."""

import io
from pathlib import Path

import psycopg
import pytest
import reversion
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg import sql
from reversion.models import Version

from alliance.management.backup import pg_restore
from events.models import Session
from tests import factories

RESTORED_SUFFIX = "_restored"


def some_programme() -> Session:
    session = factories.SessionFactory()
    factories.SessionSectionFactory(session=session)
    factories.SessionOrganiserFactory(session=session)
    item = factories.AgendaItemFactory(session=session)
    factories.ParticipationFactory(session=session, agenda_item=item)
    with reversion.create_revision():
        session.save()
    return session


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count() for model in apps.get_models()
    }


@pytest.fixture
def forget_content_type_ids():
    """Flushing renumbers content types; the rolled-back test must not leak them."""
    yield
    ContentType.objects.clear_cache()


@pytest.mark.django_db
@pytest.mark.usefixtures("forget_content_type_ids")
def test_json_backup_round_trip_keeps_every_row_and_the_history(tmp_path):
    session = some_programme()
    before = row_counts()
    backup = tmp_path / "alliance.json"

    call_command("backup_database", str(backup), "--json", stdout=io.StringIO())
    if connection.vendor == "postgresql":
        # PostgreSQL will not TRUNCATE under the test's pending deferred checks.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert Session.objects.count() == 0
    call_command("restore_database", str(backup), "--no-input", stdout=io.StringIO())

    assert row_counts() == before
    assert before["events.Session"] == 1
    assert Version.objects.get_for_object(session).count() == 1
    assert backup.stat().st_mode & 0o777 == 0o600


@pytest.mark.django_db
def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore_database", str(tmp_path / "nothing"), "--no-input")


def table_counts(dbname: str) -> dict[str, int]:
    settings_dict = connection.settings_dict
    with psycopg.connect(
        dbname=dbname,
        user=settings_dict["USER"],
        host=settings_dict["HOST"],
        port=settings_dict["PORT"],
        password=settings_dict["PASSWORD"] or None,
    ) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        return {
            table: db.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }


def recreate_database(name: str, *, create: bool) -> None:
    settings_dict = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        user=settings_dict["USER"],
        host=settings_dict["HOST"],
        port=settings_dict["PORT"],
        password=settings_dict["PASSWORD"] or None,
        autocommit=True,
    ) as db:
        name_sql = sql.Identifier(name)
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name_sql))
        if create:
            db.execute(sql.SQL("CREATE DATABASE {}").format(name_sql))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pg_dump_restored_into_an_empty_database_has_every_row(tmp_path: Path):
    some_programme()
    backup = tmp_path / "alliance.dump"
    source = connection.settings_dict["NAME"]
    target = source + RESTORED_SUFFIX
    recreate_database(target, create=True)
    try:
        call_command("backup_database", str(backup), stdout=io.StringIO())
        pg_restore(backup, {**connection.settings_dict, "NAME": target})

        expected = table_counts(source)
        assert table_counts(target) == expected
        assert expected["events_session"] == 1
        assert expected["reversion_version"] > 0
    finally:
        recreate_database(target, create=False)
