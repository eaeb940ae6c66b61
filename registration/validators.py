"""Pure checks of registration input, shared by the models, forms and imports."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_no_markup(value: str) -> None:
    """Refuse < and > in names and organisations: they end up printed on badges."""
    if "<" in value or ">" in value:
        raise ValidationError(_("Please remove the characters < and >."), code="markup")
