from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from events.version import connect_programme_models


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Programme")

    def ready(self) -> None:
        connect_programme_models(self)
