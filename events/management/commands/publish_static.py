"""Publish the public site as static files for nginx, a static host or a CDN."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.publishing import publish


class Command(BaseCommand):
    help = (
        "Write every public page, feed, schedule file and PDF, in every language, "
        "as files laid out by URL path (with .gz and .br beside each) into "
        "DIR/releases/<stamp>, then switch DIR/current to it atomically."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            default=settings.PUBLISH_STATIC_DIR,
            help="The published directory (default: PUBLISH_STATIC_DIR).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=settings.PUBLISH_STATIC_KEEP,
            help="How many releases to keep, the live one included (default: 3).",
        )

    def handle(self, *args: object, **options: object) -> None:
        output = options["output"]
        if not output:
            raise CommandError(
                "Name the directory: --output DIR (or PUBLISH_STATIC_DIR)."
            )
        release = publish(Path(str(output)), keep=int(options["keep"]))  # type: ignore[arg-type]
        self.stdout.write(
            f"Published {len(release.files)} files in {release.seconds:.1f} s: "
            f"{release.path} is now {Path(str(output)) / 'current'}"
        )
        for path in release.skipped:
            self.stdout.write(f"  left to Django (not the same for everybody): {path}")
