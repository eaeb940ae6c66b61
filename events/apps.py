from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from events.version import connect_programme_models, programme_version_bumped


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Programme")

    def ready(self) -> None:
        connect_programme_models(self)
        # The static site follows every change (only where PUBLISH_STATIC_DIR is set).
        from events.publishing_queue import programme_bumped

        programme_version_bumped.connect(
            programme_bumped, dispatch_uid="publish-static-site"
        )
