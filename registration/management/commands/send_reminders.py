"""Queue the reminder e-mail the day before a conference (run daily, e.g. from cron)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from events.models import Conference
from registration.models import Registration
from registration.services.mail import queue_email


class Command(BaseCommand):
    help = (
        "Queue reminders for confirmed registrations of conferences starting tomorrow."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, help="as if today")

    @transaction.atomic
    def handle(self, *args: object, **options: object) -> None:
        count = 0
        today = options["date"] or None
        for conference in Conference.objects.all():
            local_today = today or timezone.localdate(timezone=conference.tzinfo)
            if conference.start_date != local_today + dt.timedelta(days=1):
                continue
            registrations = Registration.objects.select_for_update().filter(
                conference=conference,
                status=Registration.Status.CONFIRMED,
                reminder_sent_at__isnull=True,
            )
            for registration in registrations:
                queue_email("reminder", registration.pk)
                count += 1
            registrations.update(reminder_sent_at=timezone.now())
        self.stdout.write(f"{count} reminders queued.")
