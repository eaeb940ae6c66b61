"""Anonymise registrations a set number of days after their conference ended."""

from django.core.management.base import BaseCommand, CommandParser

from registration.services.privacy import anonymise_registrations


class Command(BaseCommand):
    help = "Anonymise registrations of conferences that ended more than N days ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, required=True)

    def handle(self, *args: object, **options: object) -> None:
        count = anonymise_registrations(days=options["days"])
        self.stdout.write(f"{count} registrations anonymised.")
