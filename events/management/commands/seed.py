"""Load the seed meetings into an empty database, for a first `make run`."""

from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from events.models import Conference
from events.site_url import site_base

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = (
        "Load every fixture in fixtures/ if the database has no conference yet; "
        "with DEBUG on, also create a local staff login when there is no user."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--address",
            default="",
            help="The address the server will listen on, for the printed admin "
            "login (`make run` passes its HOST and PORT); else SITE_URL.",
        )

    def handle(self, *args: object, **options: object) -> None:
        if Conference.objects.exists():
            self.stdout.write(
                "Conferences already present: seed data not loaded again."
            )
        else:
            files = sorted(str(path) for path in FIXTURES_DIR.glob("*.json"))
            call_command("loaddata", *files, verbosity=0)
            # Give the seed rows a first version, so that staff can recover them.
            call_command("createinitialrevisions", comment="Seed data", verbosity=0)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded {len(files)} seed files: "
                    f"{Conference.objects.count()} meetings."
                )
            )
        admin_url = urljoin((options["address"] or site_base()) + "/", "/en/admin/")
        user_model = get_user_model()
        if settings.DEBUG and not user_model.objects.exists():
            user_model.objects.create_superuser("admin", "admin@localhost", "admin")
            self.stdout.write(
                self.style.WARNING(
                    "Created a local staff login for development: user 'admin', "
                    f"password 'admin'. Log in at {admin_url}"
                )
            )
        elif settings.DEBUG:
            self.stdout.write(
                f"Staff login: your existing user at {admin_url} "
                "(or `.venv/bin/python manage.py createsuperuser`)."
            )
