"""Open a conference's call for side events; prints the call's public URL last."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.models import Conference
from proposals.links import call_url
from proposals.services import open_call


class Command(BaseCommand):
    help = "Open the call for side events of a conference until a closing date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("conference", help="the conference's slug")
        parser.add_argument(
            "--closes",
            required=True,
            type=dt.date.fromisoformat,
            help="last day proposals are taken (YYYY-MM-DD), to its end",
        )

    def handle(self, *args: object, conference: str, closes: dt.date, **options):
        conference_obj = Conference.objects.filter(slug=conference).first()
        if conference_obj is None:
            raise CommandError(f"No conference {conference!r}.")
        closes_at = dt.datetime.combine(
            closes + dt.timedelta(days=1), dt.time(), tzinfo=conference_obj.tzinfo
        )
        try:
            call = open_call(conference=conference_obj, closes_at=closes_at)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            f"Call for side events of {conference_obj} open until "
            f"{call.closes_at.astimezone(conference_obj.tzinfo):%Y-%m-%d %H:%M %Z}."
        )
        self.stdout.write(call_url(conference_obj.slug))
