"""Forms of registration: they validate input; the services do the writing."""

import uuid

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from events.models import Session
from events.typography import format_date
from registration.models import Invitation, Language, Registration
from registration.services import RegistrationError
from registration.services.registrations import PERSONAL_FIELDS, RegistrationData
from registration.services.seats import require_one_seat_per_slot
from registration.validators import validate_no_markup
from registration.widgets import SideEventSlotsWidget

HONORIFICS = [
    ("", "—"),
    ("Mr.", _("Mr.")),
    ("Ms.", _("Ms.")),
    ("Mx.", _("Mx.")),
    ("Dr.", _("Dr.")),
    ("Prof.", _("Prof.")),
    ("H.E.", _("H.E.")),
]


class SessionChoiceField(forms.ModelMultipleChoiceField):
    """Side events, chosen one per time slot (`SideEventSlotsWidget`)."""

    widget = SideEventSlotsWidget

    def label_from_instance(self, session: Session) -> str:
        room = f" · {session.room}" if session.room else ""
        return f"{session.title}{room}"


class RegistrationForm(forms.Form):
    honorific = forms.ChoiceField(
        label=_("Honorific"), choices=HONORIFICS, required=False
    )
    given_name = forms.CharField(
        label=_("Given name"), max_length=150, validators=[validate_no_markup]
    )
    family_name = forms.CharField(
        label=_("Family name"), max_length=150, validators=[validate_no_markup]
    )
    position = forms.CharField(label=_("Position"), max_length=300, required=False)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=300,
        required=False,
        validators=[validate_no_markup],
    )
    delegation = forms.CharField(
        label=_("Delegation"),
        max_length=200,
        required=False,
        help_text=_("The participating State or Partner you represent, if any."),
    )
    email = forms.EmailField(label=_("Email"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language for our e-mails"), choices=Language.choices
    )
    attendance = forms.ChoiceField(
        label=_("Attendance"),
        choices=Registration.Attendance.choices,
        widget=forms.RadioSelect,
    )
    sessions = SessionChoiceField(
        label=_("Side events you plan to attend in person"),
        help_text=_(
            "If a side event is full, you join its waiting list, and a seat that "
            "becomes free is yours."
        ),
        queryset=Session.objects.none(),
        required=False,
    )
    interpretation = forms.ChoiceField(
        label=_("Interpretation (English / Russian)"),
        choices=Registration.Interpretation.choices,
        required=False,
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the OSCE processes my personal data as described in "
            "the privacy notice."
        ),
        error_messages={
            "required": _("Consent to the processing of personal data is required.")
        },
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(
        self, *args: object, sessions: QuerySet[Session], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = sessions
        self.fields["sessions"].widget.sessions = list(sessions)
        if not self.is_bound and "submission_key" not in self.initial:
            self.initial["submission_key"] = uuid.uuid4()

    def clean_sessions(self) -> QuerySet[Session]:
        chosen = self.cleaned_data["sessions"]
        try:
            require_one_seat_per_slot(list(chosen))
        except RegistrationError as error:
            raise forms.ValidationError(error.message) from error
        return chosen

    def to_data(self) -> RegistrationData:
        data = self.cleaned_data
        chosen = data["sessions"]
        return RegistrationData(
            honorific=data["honorific"],
            given_name=data["given_name"].strip(),
            family_name=data["family_name"].strip(),
            position=data["position"].strip(),
            organisation=data["organisation"].strip(),
            delegation=data["delegation"].strip(),
            email=data["email"],
            language=data["language"],
            attendance=data["attendance"],
            sessions=[] if chosen.query.is_empty() else list(chosen),
            interpretation=data["interpretation"],
            accessibility_needs=data["accessibility_needs"].strip(),
            dietary_needs=data["dietary_needs"].strip(),
            consent=data["consent"],
        )

    @staticmethod
    def initial_for_invitation(invitation: Invitation) -> dict:
        given, _space, family = invitation.name.partition(" ")
        return {
            "given_name": given,
            "family_name": family,
            "email": invitation.email,
            "organisation": invitation.organisation,
            "delegation": invitation.delegation,
            "position": invitation.position,
            "language": invitation.language,
            "attendance": Registration.Attendance.IN_PERSON,
        }

    @staticmethod
    def initial_for_registration(registration: Registration) -> dict:
        initial = {name: getattr(registration, name) for name in PERSONAL_FIELDS}
        initial["sessions"] = list(registration.sessions.all())
        initial["consent"] = True
        initial["submission_key"] = registration.submission_key
        return initial


class OnlineSessionField(forms.ModelMultipleChoiceField):
    """The conference's online sessions as checkboxes, each with its day and time."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, session: Session) -> str:
        start, end = session.local_start, session.local_end
        day = format_date(start, "weekday_date")
        return f"{session.title} · {day}, {start:%H:%M}–{end:%H:%M}"


class OnlineSignupForm(forms.Form):
    """One sign-up per conference; the sessions are optional (none: all of them)."""

    name = forms.CharField(
        label=_("Name"), max_length=200, validators=[validate_no_markup]
    )
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=300,
        required=False,
        validators=[validate_no_markup],
    )
    language = forms.ChoiceField(
        label=_("Language for our e-mails"), choices=Language.choices
    )
    sessions = OnlineSessionField(
        label=_("Sessions you plan to follow"),
        help_text=_(
            "Optional: with none ticked, you receive the details of every session "
            "streamed online."
        ),
        queryset=Session.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": _("Choose only sessions of this conference."),
            "invalid_pk_value": _("Choose only sessions of this conference."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the OSCE processes my personal data as described in "
            "the privacy notice."
        ),
        error_messages={
            "required": _("Consent to the processing of personal data is required.")
        },
    )

    def __init__(
        self, *args: object, sessions: QuerySet[Session], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = sessions


class InvitationUploadForm(forms.Form):
    # 5,000 rows of invitations fit in well under 2 MB, as CSV or XLSX.
    MAX_BYTES = 2 * 1024 * 1024

    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: name, email, organisation, delegation, category, position, "
            "language, seats. The first row holds the column names."
        ),
    )
    import_good_rows = forms.BooleanField(
        label=_("Import the good rows even if some rows are bad"), required=False
    )
    send = forms.BooleanField(
        label=_("Send the invitation e-mails right away"), required=False
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(max)d MB. Split it into smaller files.")
                % {"max": self.MAX_BYTES // (1024 * 1024)}
            )
        return upload


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Check-in code"), max_length=64)
    session = forms.ModelChoiceField(
        label=_("Side event (empty: entrance)"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("Entrance (no side event)"),
    )

    def __init__(
        self, *args: object, sessions: list[Session], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(
            pk__in=[session.pk for session in sessions]
        )
