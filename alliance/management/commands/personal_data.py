"""Export (as JSON) or erase everything held about one person, on request.

Here in the project layer because it asks two independent apps: registration
(invitations, registrations, sign-ups) and proposals (side-event proposers).
"""

import json

from django.core.management.base import BaseCommand, CommandParser

from proposals import privacy as proposals_privacy
from registration.services.privacy import erase_person, personal_data_of


class Command(BaseCommand):
    help = "Print everything held about an e-mail address, or erase it with --erase."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--erase", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        email = options["email"]
        if options["erase"]:
            count = erase_person(email) + proposals_privacy.erase_proposer(email)
            self.stdout.write(f"{count} records erased.")
            return
        data = personal_data_of(email)
        data["side_event_proposals"] = proposals_privacy.personal_data_of(email)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
