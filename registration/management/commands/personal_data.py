"""Export (as JSON) or erase everything held about one person, on request."""

import json

from django.core.management.base import BaseCommand, CommandParser

from registration.services.privacy import erase_person, personal_data_of


class Command(BaseCommand):
    help = "Print everything held about an e-mail address, or erase it with --erase."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--erase", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        if options["erase"]:
            count = erase_person(options["email"])
            self.stdout.write(f"{count} records erased.")
            return
        data = personal_data_of(options["email"])
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
