"""Queue reminders to speakers who have not confirmed (run daily from cron)."""

from django.core.management.base import BaseCommand

from organisers.confirmations import queue_reminders


class Command(BaseCommand):
    help = "Queue a reminder e-mail for every speaker who has not answered yet."

    def handle(self, *args: object, **options: object) -> None:
        count = queue_reminders()
        self.stdout.write(f"{count} reminder(s) queued.")
