"""Pure checks and choices of registration input, shared by models, forms, imports."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_no_markup(value: str) -> None:
    """Refuse < and > in names and organisations: they end up printed on badges."""
    if "<" in value or ">" in value:
        raise ValidationError(_("Please remove the characters < and >."), code="markup")


def organisation_field() -> models.CharField:
    """An organisation as people type it; printed on badges, so no markup."""
    return models.CharField(
        _("organisation"), max_length=300, blank=True, validators=[validate_no_markup]
    )


class Language(models.TextChoices):
    """The languages of the e-mails: English and Russian."""

    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
