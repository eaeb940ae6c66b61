"""Write a backup of the whole database to a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from alliance.management.backup import BackupError, backup_database


class Command(BaseCommand):
    help = (
        "Back up every app's data to FILE: a pg_dump archive on PostgreSQL, "
        "a JSON fixture with natural keys on other databases (or with --json). "
        "Restore it with restore_database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Where to write the backup.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Database alias to back up (default: default).",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Write a portable JSON fixture even on PostgreSQL.",
        )

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        try:
            kind = backup_database(
                path, using=options["database"], portable=options["json"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up ({kind}) to {path}."))
