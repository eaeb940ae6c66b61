"""Registrations in the admin: through the rules, with badges and exports."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from events.admin_base import HistoryAdmin, session_label
from outbox.admin import EmailsShown
from registration import exports
from registration.admin.personal_data import PersonalDataActions
from registration.badges import badges_pdf
from registration.models import Registration, SideEventWait
from registration.services import RegistrationError
from registration.services.locking import lock_conference
from registration.services.places import move_from_waiting_list
from registration.services.registrations import (
    approve_registration,
    cancel_registration,
    delete_registrations,
)
from registration.services.seats import (
    fill_side_event_seats,
    require_one_seat_per_slot,
)


class SideEventWaitInline(admin.TabularInline):
    """The side events this registration waits for, with its place in each queue."""

    model = SideEventWait
    fields = ["session", "created_at", "position"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("side-event waiting list")
    verbose_name_plural = _("side-event waiting lists")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_position().select_related("session")

    @admin.display(description=_("place in the queue"))
    def position(self, entry: SideEventWait) -> int:
        return entry.position

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class WaitingForSideEventFilter(admin.SimpleListFilter):
    title = _("waiting for a side event")
    parameter_name = "side_event_waiting"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        waiting = SideEventWait.objects.values("registration")
        if self.value() == "yes":
            return queryset.filter(pk__in=waiting)
        if self.value() == "no":
            return queryset.exclude(pk__in=waiting)
        return queryset


class RegistrationAdminForm(forms.ModelForm):
    """Staff obey the invitees' rule too: one seat per time slot."""

    class Meta:
        model = Registration
        fields = "__all__"  # noqa: DJ007 -- the admin narrows them with readonly_fields

    def clean_sessions(self) -> QuerySet:
        sessions = self.cleaned_data["sessions"]
        try:
            require_one_seat_per_slot(list(sessions))
        except RegistrationError as error:
            raise forms.ValidationError(error.message) from error
        return sessions


@admin.register(Registration)
class RegistrationAdmin(EmailsShown, PersonalDataActions, HistoryAdmin):
    form = RegistrationAdminForm
    list_display = [
        "family_name",
        "given_name",
        "organisation",
        "delegation",
        "attendance",
        "status",
        "interpretation",
        "created_at",
        "checked_in_at",
    ]
    list_filter = [
        "conference",
        "status",
        "attendance",
        "interpretation",
        "invitation__category",
        "language",
        "sessions",
        WaitingForSideEventFilter,
    ]
    search_fields = [
        "given_name",
        "family_name",
        "email",
        "organisation",
        "delegation",
        "checkin_code",
    ]
    list_select_related = ["conference", "invitation"]
    filter_horizontal = ["sessions"]

    def get_form(self, request: HttpRequest, obj: Registration | None = None, **kwargs):
        """Side events of the registration's own conference only, labelled."""
        form = super().get_form(request, obj, **kwargs)
        field = form.base_fields.get("sessions")
        if field is not None:
            sessions = field.queryset.select_related("conference", "room")
            if obj is not None:
                sessions = sessions.filter(conference=obj.conference_id)
            field.queryset = sessions.order_by("start", "title")
            field.label_from_instance = session_label
        return form

    readonly_fields = [
        "conference",
        "invitation",
        "status",
        "checkin_code",
        "offer_expires_at",
        "consent_at",
        "checked_in_at",
        "reminder_sent_at",
        "anonymised_at",
        "created_at",
        "updated_at",
        "staff_links",
        "emails",
    ]
    actions = [
        "approve_action",
        "offer_place_action",
        "cancel_action",
        "badges_action",
        "export_csv",
        "export_xlsx",
        "export_personal_data",
        "erase_action",
    ]
    date_hierarchy = "created_at"
    inlines = [SideEventWaitInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # People register through their invitation link, where the rules apply.
        return False

    def save_model(
        self, request: HttpRequest, obj: Registration, form: ModelForm, change: bool
    ) -> None:
        # In the queue of every place-changing write, before the row changes.
        lock_conference(obj.conference)
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # A side event that staff took off this registration frees its seat for
        # the next person on that side event's waiting list.
        fill_side_event_seats(form.instance.conference)

    def delete_model(self, request: HttpRequest, obj: Registration) -> None:
        # Through the rules, so that the place and side-event seats pass on.
        delete_registrations([obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        delete_registrations(list(queryset))

    @admin.display(description=_("staff pages"))
    def staff_links(self, registration: Registration) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse(
                "registration:staff",
                kwargs={"conference": registration.conference.slug},
            ),
            _("Exports, badges and check-in"),
        )

    @admin.action(description=_("Approve"))
    def approve_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = sum(approve_registration(r) for r in queryset)
        self.message_user(request, _("%(count)d approved.") % {"count": count})

    @admin.action(description=_("Move from the waiting list: offer a place"))
    def offer_place_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = 0
        for registration in queryset.order_by("created_at", "id"):
            try:
                count += move_from_waiting_list(registration)
            except RegistrationError as error:
                self.message_user(
                    request, f"{registration}: {error.message}", messages.WARNING
                )
                break
        self.message_user(request, _("%(count)d places offered.") % {"count": count})

    @admin.action(description=_("Cancel (frees the place for the waiting list)"))
    def cancel_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        for registration in queryset:
            cancel_registration(registration, by_staff=True)
        self.message_user(request, _("Cancelled."))

    @admin.action(description=_("Print badges (PDF)"))
    def badges_action(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        registrations = queryset.filter(
            attendance=Registration.Attendance.IN_PERSON,
            status=Registration.Status.CONFIRMED,
        ).select_related("conference")
        response = HttpResponse(
            badges_pdf(registrations), content_type="application/pdf"
        )
        response["Content-Disposition"] = 'inline; filename="badges.pdf"'
        return response

    def _export(self, queryset: QuerySet, fmt: str) -> HttpResponse:
        header, rows = exports.participants_of(queryset)
        if fmt == "csv":
            response = HttpResponse(
                exports.to_csv(header, rows), content_type="text/csv"
            )
        else:
            response = HttpResponse(
                exports.to_xlsx(header, rows, "participants"),
                content_type="application/vnd.openxmlformats-officedocument"
                ".spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="participants.{fmt}"'
        return response

    @admin.action(description=_("Export as CSV"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return self._export(queryset, "csv")

    @admin.action(description=_("Export as XLSX"))
    def export_xlsx(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return self._export(queryset, "xlsx")
