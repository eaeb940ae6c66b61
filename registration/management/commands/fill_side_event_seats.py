"""Give free side-event seats to the people on their waiting lists.

Seats that free up when someone leaves are passed on at once; run this after staff
raise a room's capacity, which the registration rules do not see.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.models import Conference
from registration.services.seats import fill_side_event_seats


class Command(BaseCommand):
    help = "Fill free side-event seats from their waiting lists (all conferences)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "conference", nargs="?", help="a conference slug (default: all)"
        )

    def handle(self, *args: object, **options: object) -> None:
        conference = None
        if options["conference"]:
            conference = Conference.objects.filter(slug=options["conference"]).first()
            if conference is None:
                raise CommandError(
                    f"No conference with slug {options['conference']!r}."
                )
        promoted = fill_side_event_seats(conference)
        for entry in promoted:
            self.stdout.write(f"{entry.session}: {entry.registration}")
        self.stdout.write(f"{len(promoted)} seats given from the waiting lists.")
