"""Forms of the organiser portal and of the speaker's confirmation page."""

from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from events.documents import validate_document_file
from events.models import Document, Organisation, Session
from organisers.snapshots import Snapshot
from speakers.models import Participation
from speakers.photos import clean_photo

TEXT_LIMIT = 20000
RUSSIAN = {"lang": "ru"}


class DescriptionForm(forms.Form):
    paired = ("description",)

    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEXT_LIMIT,
    )
    description_ru = forms.CharField(
        label=_("Description (Russian)"),
        widget=forms.Textarea(attrs={"rows": 4, **RUSSIAN}),
        required=False,
        max_length=TEXT_LIMIT,
    )
    based_on = forms.CharField(widget=forms.HiddenInput)


class SectionForm(forms.Form):
    paired = ("title", "body")

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Heading"), max_length=200)
    title_ru = forms.CharField(
        label=_("Heading (Russian)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=RUSSIAN),
    )
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_LIMIT
    )
    body_ru = forms.CharField(
        label=_("Text (Russian)"),
        widget=forms.Textarea(attrs={"rows": 4, **RUSSIAN}),
        max_length=TEXT_LIMIT,
        required=False,
    )


class AgendaForm(forms.Form):
    paired = ("title", "description")

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Agenda item"), max_length=500)
    title_ru = forms.CharField(
        label=_("Agenda item (Russian)"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=RUSSIAN),
    )
    description = forms.CharField(
        label=_("Details"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEXT_LIMIT,
    )
    description_ru = forms.CharField(
        label=_("Details (Russian)"),
        widget=forms.Textarea(attrs={"rows": 2, **RUSSIAN}),
        required=False,
        max_length=TEXT_LIMIT,
    )


class ParticipantForm(forms.Form):
    paired = ("position",)

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("Given and family name, e.g. Anna Berger."),
    )
    position = forms.CharField(label=_("Position"), max_length=500, required=False)
    position_ru = forms.CharField(
        label=_("Position (Russian)"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs=RUSSIAN),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Participation.Role.choices,
        initial=Participation.Role.SPEAKER,
    )
    joins_online = forms.BooleanField(label=_("Joins online"), required=False)
    to_be_confirmed = forms.BooleanField(label=_("To be confirmed"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.initial.get("id"):
            # An existing person's name and position are theirs to edit.
            self.fields["name"].disabled = True
            self.fields["position"].disabled = True
            self.fields["position_ru"].disabled = True


SectionFormSet = formset_factory(SectionForm, extra=1, can_delete=True, can_order=True)
AgendaFormSet = formset_factory(AgendaForm, extra=1, can_delete=True, can_order=True)
ParticipantFormSet = formset_factory(
    ParticipantForm, extra=1, can_delete=True, can_order=True
)

ROW_FIELDS = {
    "sections": ("id", "title", "title_ru", "body", "body_ru"),
    "agenda": ("id", "title", "title_ru", "description", "description_ru"),
    "participants": (
        "id",
        "name",
        "position",
        "position_ru",
        "role",
        "joins_online",
        "to_be_confirmed",
    ),
}


def edited_snapshot(
    description: DescriptionForm, formsets: dict[str, forms.BaseFormSet]
) -> Snapshot:
    """The snapshot the valid forms describe, rows in the organiser's order."""
    snapshot: Snapshot = {
        "description": description.cleaned_data["description"],
        "description_ru": description.cleaned_data["description_ru"],
    }
    for name, formset in formsets.items():
        snapshot[name] = [
            {field: form.cleaned_data.get(field) for field in ROW_FIELDS[name]}
            for form in formset.ordered_forms
            if not form.cleaned_data.get("DELETE")
        ]
    return snapshot


class DocumentUploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=Document.Kind.choices)
    language = forms.ChoiceField(
        label=_("Language"), choices=Document._meta.get_field("language").choices
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG or WebP."),
        validators=[validate_document_file],
    )


class DocumentRowForm(forms.Form):
    """One document of the session: its place in the list, or removing it."""

    id = forms.IntegerField(widget=forms.HiddenInput)


DocumentFormSet = formset_factory(
    DocumentRowForm, extra=0, can_delete=True, can_order=True, max_num=200
)


def arranged_documents(formset: forms.BaseFormSet) -> tuple[list[int], list[int]]:
    """The ids of the valid formset, in the organiser's order, and those to remove."""
    order = [form.cleaned_data["id"] for form in formset.ordered_forms]
    remove = [form.cleaned_data["id"] for form in formset.deleted_forms]
    return order, remove


class AskSpeakerForm(forms.Form):
    participation = forms.ModelChoiceField(
        label=_("Person"), queryset=Participation.objects.none()
    )
    email = forms.EmailField(label=_("Their e-mail address"))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args: object, session: Session, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participation"].queryset = session.participations.select_related(
            "person"
        )
        self.fields["participation"].label_from_instance = lambda p: (
            f"{p.person.full_name} ({p.get_role_display()})"
        )


class ConfirmationForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Do you take part?"),
        choices=[
            ("confirm", _("Yes, I take part")),
            ("decline", _("No, I cannot take part")),
        ],
        widget=forms.RadioSelect,
    )
    joins_online = forms.BooleanField(label=_("I join online"), required=False)
    position = forms.CharField(label=_("Position"), max_length=500, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
    )
    bio = forms.CharField(
        label=_("Short biography"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP; it is resized and its metadata removed."),
    )

    def clean_photo(self) -> object:
        photo = self.cleaned_data.get("photo")
        if photo:
            clean_photo(photo)  # raises a ValidationError with the reason
        return photo
