"""Replace the contents of the database with a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from alliance.management.backup import BackupError, restore_database


class Command(BaseCommand):
    help = (
        "Restore a backup written by backup_database. The rows now in the "
        "database are replaced by those in FILE."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup to restore.")
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Database alias to restore into (default: default).",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        using = options["database"]
        if options["interactive"]:
            name = connections[using].settings_dict["NAME"]
            answer = input(
                f"This replaces every row in database {name!s} with {path}.\n"
                "Type 'yes' to continue, or anything else to stop: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            kind = restore_database(path, using=using)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored ({kind}) from {path}."))
