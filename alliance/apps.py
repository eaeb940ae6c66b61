from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    """The project package as an app, for commands that span every app."""

    name = "alliance"
    verbose_name = _("Alliance")
