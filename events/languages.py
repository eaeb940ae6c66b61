"""The languages sessions are held or interpreted in.

A leaf module: the validators and the models both read it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageCode(models.TextChoices):
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")
