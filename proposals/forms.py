"""The public proposal form: validation only; saving goes through the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from proposals.models import Call, Proposal, Review
from speakers.models import Participation

TEXT_LIMIT = 5000
MAX_CO_ORGANISERS = 10
MAX_SECTIONS = 10
MAX_AGENDA_ITEMS = 30
MAX_SPEAKERS = 30
REQUIRED_SECTIONS = 3


def _text(label: Any, *, required: bool = False, limit: int = TEXT_LIMIT) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ProposalForm(forms.Form):
    organisation = forms.CharField(
        label=_("Submitting organisation"),
        max_length=300,
        widget=forms.TextInput(attrs={"list": "organisation-names"}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"), max_length=254)
    title = forms.CharField(label=_("Title of the side event"), max_length=300)
    attendance_mode = forms.ChoiceField(
        label=_("Attendance"),
        choices=Proposal.AttendanceMode,
        initial=Proposal.AttendanceMode.HYBRID,
    )
    interpretation = forms.BooleanField(
        label=_("Interpretation English ↔ Russian needed"), required=False
    )
    first_slot = forms.TypedChoiceField(
        label=_("First choice of slot"), required=False, coerce=int, empty_value=None
    )
    second_slot = forms.TypedChoiceField(
        label=_("Second choice of slot"), required=False, coerce=int, empty_value=None
    )
    third_slot = forms.TypedChoiceField(
        label=_("Third choice of slot"), required=False, coerce=int, empty_value=None
    )
    expected_audience = _text(_("Expected audience"))
    technical_needs = _text(_("Technical needs (microphones, screens, Zoom)"))
    accessibility_needs = _text(_("Accessibility needs"))
    consent = forms.BooleanField(
        label=_("I agree that the secretariat keeps these data to review the proposal")
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(slot.pk, str(slot)) for slot in call.slots.all()]
        for name in ("first_slot", "second_slot", "third_slot"):
            self.fields[name].choices = choices
        if not call.asks_needs:
            del self.fields["technical_needs"]
            del self.fields["accessibility_needs"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        slots = [data.get(name) for name in ("first_slot", "second_slot", "third_slot")]
        chosen = [slot for slot in slots if slot]
        if len(chosen) != len(set(chosen)):
            self.add_error("second_slot", _("Choose each slot only once."))
        data["preferred_slots"] = chosen
        return data


class RowForm(forms.Form):
    """A row of a list: empty rows are skipped, a started one needs ``key``."""

    key = ""
    ignored: tuple[str, ...] = ()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        started = any(
            value not in (None, "", False)
            for name, value in data.items()
            if name not in self.ignored
        )
        if started and not data.get(self.key):
            self.add_error(self.key, _("This field is required."))
        return data


class CoOrganiserForm(RowForm):
    key = "name"
    name = forms.CharField(
        label=_("Co-organiser"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"list": "organisation-names"}),
    )


class SectionForm(RowForm):
    key = "title"
    title = forms.CharField(
        label=pgettext_lazy("of a concept note section", "Heading"),
        max_length=200,
        required=False,
    )
    body = _text(_("Text"))


class AgendaItemForm(RowForm):
    key = "title"
    start = forms.TimeField(label=_("From"), required=False)
    end = forms.TimeField(label=_("To"), required=False)
    title = forms.CharField(label=_("Agenda item"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("An agenda item must end after it starts."))
        return data


class SpeakerForm(RowForm):
    key = "family_name"
    ignored = ("role",)  # it has a default, so it alone does not start a row
    honorific = forms.CharField(label=_("Honorific"), max_length=30, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    family_name = forms.CharField(
        label=_("Family name"), max_length=100, required=False
    )
    position = forms.CharField(label=_("Position"), max_length=300, required=False)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"list": "organisation-names"}),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Participation.Role, initial="speaker"
    )
    online = forms.BooleanField(label=_("Joins online"), required=False)
    to_be_confirmed = forms.BooleanField(label=_("To be confirmed"), required=False)


def _formset(form: type[forms.Form], rows: int, limit: int) -> type:
    return forms.formset_factory(
        form, extra=rows, max_num=limit, validate_max=True, absolute_max=limit
    )


def formsets(
    data: Any, initial: dict[str, list[dict[str, Any]]]
) -> dict[str, forms.BaseFormSet]:
    """The lists of the form, with blank rows to fill (no script needed)."""
    spec = {
        "co_organisers": (CoOrganiserForm, 3, MAX_CO_ORGANISERS),
        "sections": (SectionForm, 5, MAX_SECTIONS),
        "agenda": (AgendaItemForm, 5, MAX_AGENDA_ITEMS),
        "speakers": (SpeakerForm, 6, MAX_SPEAKERS),
    }
    result = {}
    for prefix, (form, minimum, limit) in spec.items():
        rows = initial.get(prefix, [])
        extra = max(minimum - len(rows), 2)
        extra = max(min(extra, limit - len(rows)), 0)
        result[prefix] = _formset(form, extra, limit)(
            data, initial=rows or None, prefix=prefix
        )
    return result


def rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The filled rows of a valid formset, as stored (times as text)."""
    result = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or not data.get(form.key):
            continue
        result.append(
            {
                key: value.strftime("%H:%M") if hasattr(value, "strftime") else value
                for key, value in data.items()
            }
        )
    return result


class LinkRequestForm(forms.Form):
    """The proposer's e-mail address, to be sent the personal link again."""

    email = forms.EmailField(label=_("Contact e-mail of the proposal"), max_length=254)


class ReviewForm(forms.Form):
    comment = _text(_("Comment"))

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(call.criteria.all())
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=criterion.label(), min_value=0, max_value=criterion.max_score
            )

    @classmethod
    def initial_for(cls, review: Review | None) -> dict[str, Any]:
        if review is None:
            return {}
        initial: dict[str, Any] = {"comment": review.comment}
        for key, score in review.scores.items():
            initial[f"score_{key}"] = score
        return initial

    def scores(self) -> dict[str, int]:
        return {
            str(criterion.pk): self.cleaned_data[f"score_{criterion.pk}"]
            for criterion in self.criteria
        }


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accepted", _("Accept")),
            ("declined", _("Decline")),
            ("on_hold", _("Put on hold")),
        ],
    )
    place = forms.CharField(label=_("Slot and room"), required=False)
    note = _text(_("Note to the proposer"))

    def clean_place(self) -> tuple[int, int] | None:
        value = self.cleaned_data.get("place") or ""
        if not value:
            return None
        try:
            slot, room = (int(part) for part in value.split(":"))
        except ValueError:
            raise forms.ValidationError(_("Choose a slot and a room.")) from None
        return slot, room

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") == "accepted" and not data.get("place"):
            self.add_error("place", _("Choose a slot and a room."))
        return data
