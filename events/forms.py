"""Admin forms: JSON list fields as controls staff can use, and edit conflicts."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from events.documents import validate_document_file
from events.models import Document, LanguageCode, Organisation, Session


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


class DocumentForm(forms.ModelForm):
    """A document's file is checked by its content before anything is stored."""

    class Meta:
        model = Document
        fields = "__all__"

    def clean_file(self) -> object:
        upload = self.cleaned_data.get("file")
        validate_document_file(upload)
        return upload


class SessionForm(forms.ModelForm):
    """Edit a session; refuse to overwrite changes saved since the form was opened.

    The form carries the session's ``updated_at`` as loaded (optimistic
    concurrency), so the second of two staff members editing the same session is
    told who changed it and asked to reload, instead of silently undoing their work.
    """

    interpretation_languages = forms.MultipleChoiceField(
        label=_("interpretation languages"),
        choices=LanguageCode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    loaded_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Session
        fields = "__all__"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated_at:
            self.initial["loaded_updated_at"] = self.instance.updated_at.isoformat()

    def clean(self) -> dict:
        cleaned_data = super().clean()
        self._refuse_stale_edit(cleaned_data.get("loaded_updated_at", ""))
        return cleaned_data

    def _refuse_stale_edit(self, loaded: str) -> None:
        """Raise if the session row changed after this form was rendered."""
        if not self.instance.pk or not loaded:
            return
        loaded_at = _parse_moment(loaded)
        saved_at = (
            Session.objects.filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if saved_at is None or saved_at == loaded_at:
            return
        latest = (
            Version.objects.get_for_object_reference(Session, self.instance.pk)
            .select_related("revision__user")
            .first()
        )
        user = latest.revision.user if latest else None
        params = {
            "who": (user.get_full_name() or user.get_username())
            if user
            else gettext("Someone"),
            "when": date_format(timezone.localtime(saved_at), "DATETIME_FORMAT"),
        }
        raise ValidationError(
            _(
                "%(who)s changed this session on %(when)s, after you opened it. "
                "Your changes were not saved: reload the page to see theirs, "
                "then make yours again."
            ),
            code="stale",
            params=params,
        )


def _parse_moment(value: str) -> datetime | None:
    """Read back the hidden timestamp; an unreadable one counts as stale."""
    try:
        return parse_datetime(value)
    except ValueError:
        return None
