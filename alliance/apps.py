from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    """The project package as an app, for commands that span every app."""

    name = "alliance"
    verbose_name = _("Alliance")

    def ready(self) -> None:
        # Any change to the programme (events and speakers models) bumps the
        # version of the shared public cache, whichever path wrote it.
        from alliance.cache import connect_programme_receivers

        connect_programme_receivers()
