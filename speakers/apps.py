from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from events.version import connect_programme_models


class SpeakersConfig(AppConfig):
    name = "speakers"
    verbose_name = _("Speakers")

    def ready(self) -> None:
        # People and their roles are part of the programme as much as sessions.
        connect_programme_models(self)
        from events.untranslated import EXTRA_CONTENT
        from speakers.selectors import conference_people

        EXTRA_CONTENT.append(conference_people)
