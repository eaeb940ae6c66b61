"""Admin forms that turn JSON list fields into controls staff can use."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import LanguageCode, Organisation, Session


class LinesField(forms.CharField):
    """A list of strings edited as one line each."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: object) -> object:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: object) -> list[str]:
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


class OrganisationForm(forms.ModelForm):
    other_names = LinesField(
        label=_("other spellings"), required=False, help_text=_("One per line.")
    )

    class Meta:
        model = Organisation
        fields = "__all__"


class SessionForm(forms.ModelForm):
    interpretation_languages = forms.MultipleChoiceField(
        label=_("interpretation languages"),
        choices=LanguageCode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Session
        fields = "__all__"
