"""Withdraw waiting-list offers not accepted in time and pass the places on."""

from django.core.management.base import BaseCommand

from registration.services.places import expire_all_offers


class Command(BaseCommand):
    help = "Expire late waiting-list offers (run every few minutes, e.g. from cron)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"{expire_all_offers()} offers expired.")
