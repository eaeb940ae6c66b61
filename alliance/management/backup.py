"""Back up and restore the whole database: every app, every row.

On PostgreSQL a backup is a ``pg_dump`` custom-format archive, restored with
``pg_restore --clean``: exact, fast, and independent of the models. Elsewhere
(SQLite during development) it is a ``dumpdata`` JSON fixture with natural foreign
keys, so content types and permissions, which ``migrate`` recreates with its own
numbers, are matched by name. Primary keys are kept, because the audit trail
(django-reversion) refers to objects by them.
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.client import DatabaseClient

PG_DUMP_SIGNATURE = b"PGDMP"
# Rebuilt by migrate in every database; rows that point at them use natural keys.
RECREATED_BY_MIGRATE = ["contenttypes", "auth.permission"]


class BackupError(Exception):
    """A backup or restore could not be done; the message says why."""


def backup_database(
    path: Path, *, using: str = DEFAULT_DB_ALIAS, portable: bool = False
) -> str:
    """Write a backup of database ``using`` to ``path``; return its format."""
    _create_private_file(path)
    settings_dict = connections[using].settings_dict
    if connections[using].vendor == "postgresql" and not portable:
        pg_dump(path, settings_dict)
        return "pg_dump"
    dump_json(path, using=using)
    return "json"


def restore_database(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> str:
    """Replace the contents of database ``using`` with a backup; return its format."""
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    if is_pg_dump(path):
        if connections[using].vendor != "postgresql":
            raise BackupError(
                "This is a pg_dump archive: it restores into PostgreSQL only."
            )
        pg_restore(path, connections[using].settings_dict)
        return "pg_dump"
    load_json(path, using=using)
    return "json"


def is_pg_dump(path: Path) -> bool:
    with path.open("rb") as backup:
        return backup.read(len(PG_DUMP_SIGNATURE)) == PG_DUMP_SIGNATURE


def pg_dump(path: Path, settings_dict: dict) -> None:
    _run_pg_tool(
        "pg_dump",
        ["--format=custom", "--no-owner", f"--file={path}"],
        settings_dict,
    )


def pg_restore(path: Path, settings_dict: dict) -> None:
    """Restore an archive; one transaction, so a failure leaves the data as it was."""
    _run_pg_tool(
        "pg_restore",
        ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)],
        settings_dict,
    )


def dump_json(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> None:
    call_command(
        "dumpdata",
        exclude=RECREATED_BY_MIGRATE,
        natural_foreign=True,
        output=str(path),
        database=using,
        verbosity=0,
    )


def load_json(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Empty every table (migrate's own rows come back), then load the backup."""
    call_command("flush", database=using, interactive=False, verbosity=0)
    call_command("loaddata", str(path), database=using, verbosity=0)
    ContentType.objects.clear_cache()  # ids cached before the flush are gone


def _create_private_file(path: Path) -> None:
    """A backup holds personal data: only its owner may read it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)


def _run_pg_tool(tool: str, arguments: list[str], settings_dict: dict) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(
            f"{tool} is not installed (Debian: apt install postgresql-client)."
        )
    options = {
        "--dbname": settings_dict.get("NAME"),
        "--username": settings_dict.get("USER"),
        "--host": settings_dict.get("HOST"),
        "--port": settings_dict.get("PORT"),
    }
    # Django's psql client turns PASSWORD and OPTIONS (sslmode, service, ...)
    # into the PG* variables that every PostgreSQL tool reads.
    _, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    result = subprocess.run(  # noqa: S603 - a fixed tool; arguments come from settings
        [
            executable,
            *(f"{flag}={value}" for flag, value in options.items() if value),
            *arguments,
        ],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")
