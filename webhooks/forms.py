"""The admin's endpoint form: events as checkboxes, the address checked on saving."""

from django import forms
from django.utils.translation import gettext_lazy as _

from webhooks.addresses import RefusedAddress, resolve
from webhooks.models import Endpoint, EventType


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Registration events carry personal data: choose them only for the "
            "secretariat's own systems."
        ),
    )
    new_secret = forms.BooleanField(
        label=_("Generate a new secret"),
        required=False,
        help_text=_(
            "The receiver must then use the new secret, shown once after saving."
        ),
    )

    class Meta:
        model = Endpoint
        fields = ["name", "url", "conference", "events", "is_active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            resolve(url)
        except RefusedAddress as error:
            raise forms.ValidationError(str(error), code="refused") from error
        return url
