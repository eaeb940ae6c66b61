"""Invite people from the command line; the last line printed is the personal link."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from events.models import Conference
from registration import imports
from registration.links import invitation_url
from registration.models import Invitation
from registration.selectors import existing_invitation
from registration.services import RegistrationError
from registration.services.invitations import send_invitation


class Command(BaseCommand):
    help = "Create invitations and print each personal registration URL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("conference", help="the conference slug")
        parser.add_argument("--email")
        parser.add_argument("--name")
        parser.add_argument("--organisation", default="")
        parser.add_argument("--delegation", default="")
        parser.add_argument("--position", default="")
        parser.add_argument("--language", default="en", choices=["en", "ru"])
        parser.add_argument("--seats", type=int, default=1)
        parser.add_argument("--csv", type=Path, help="a CSV or XLSX file of invitees")
        parser.add_argument(
            "--resend",
            action="store_true",
            help="with --email: send an existing invitation again, with a new link",
        )
        parser.add_argument(
            "--good-rows",
            action="store_true",
            help="with --csv: import the good rows even if some rows are bad",
        )

    def handle(self, *args: object, **options: object) -> None:
        conference = Conference.objects.filter(slug=options["conference"]).first()
        if conference is None:
            raise CommandError(f"No conference with slug {options['conference']!r}.")
        if options["csv"]:
            self._from_file(conference, options["csv"], options["good_rows"])
            return
        if options["email"]:
            existing = existing_invitation(conference, options["email"])
            if existing is not None:
                self._existing(conference, existing, resend=options["resend"])
                return
        if options["resend"]:
            raise CommandError(
                f"{options['email']} has no invitation to {conference.slug}: "
                "leave out --resend to create one."
            )
        if not (options["email"] and options["name"]):
            raise CommandError("Give --email and --name, or --csv FILE.")
        report = imports.import_invitations(
            conference,
            [
                {
                    "name": options["name"],
                    "email": options["email"],
                    "organisation": options["organisation"],
                    "delegation": options["delegation"],
                    "position": options["position"],
                    "language": options["language"],
                    "seats": str(options["seats"]),
                }
            ],
        )
        if report.errors:
            raise CommandError(report.errors[0][1])
        self.stdout.write(invitation_url(report.tokens[0], options["language"]))

    def _existing(
        self, conference: Conference, invitation: Invitation, *, resend: bool
    ) -> None:
        if not resend:
            raise CommandError(
                f"{invitation.email} is already invited to {conference.slug} "
                f"({invitation.get_current_status_display()}). To send the invitation "
                "e-mail again, with a new personal link, run: manage.py invite "
                f"{conference.slug} --email {invitation.email} --resend"
            )
        try:
            send_invitation(invitation)
        except RegistrationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"The invitation to {invitation.email} is queued: the worker (make "
            "worker) sends it with a new personal link; the old link stops working."
        )

    def _from_file(self, conference: Conference, path: Path, good_rows: bool) -> None:
        try:
            rows = imports.read_rows(path.name, path.read_bytes())
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        report = imports.import_invitations(
            conference, rows, import_good_rows=good_rows
        )
        for number, problem in report.errors:
            self.stderr.write(f"row {number}: {problem}")
        if report.errors and not report.created:
            raise CommandError(
                "Nothing imported: correct the rows above or use --good-rows."
            )
        for invitation, token in zip(report.created, report.tokens, strict=True):
            self.stdout.write(
                f"{invitation.email}\t{invitation_url(token, invitation.language)}"
            )
