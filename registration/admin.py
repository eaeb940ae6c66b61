"""Staff side of registration: invitations, registrations, waiting list, exports.

Actions call services, so the admin obeys the same capacity and e-mail rules as the
invitee's own pages. Every change is kept in the history (django-reversion) with
who made it: "History" on each page lists and compares the versions.
"""

import json

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.admin import HistoryAdmin
from events.models import Conference
from registration import exports, imports, selectors, services
from registration.badges import badges_pdf
from registration.forms import InvitationUploadForm
from registration.models import (
    CheckIn,
    Invitation,
    OnlineSignup,
    Registration,
    RegistrationSettings,
    SideEventWait,
)

# An invitation's stored copy includes its registrations (and a registration's
# its side events, a many-to-many field of its own), so the history of an
# invitation shows who registered under it at each moment. Erasing a person's
# data also erases these copies (services.erase_person).
reversion.register(RegistrationSettings)
reversion.register(Invitation, follow=["registrations"])
reversion.register(Registration)
reversion.register(CheckIn)
reversion.register(OnlineSignup)
reversion.register(SideEventWait)


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(HistoryAdmin):
    list_display = [
        "conference",
        "in_person_capacity",
        "deadline",
        "requires_approval",
        "offer_hours",
    ]
    list_select_related = ["conference"]


class InvitationStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return Invitation.Status.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        from django.utils import timezone

        value = self.value()
        if not value:
            return queryset
        open_statuses = [
            Invitation.Status.CREATED,
            Invitation.Status.SENT,
            Invitation.Status.OPENED,
        ]
        now = timezone.now()
        if value == Invitation.Status.EXPIRED:
            return queryset.filter(status=value) | queryset.filter(
                status__in=open_statuses, expires_at__lt=now
            )
        if value in open_statuses:
            return queryset.filter(status=value, expires_at__gte=now)
        return queryset.filter(status=value)


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ["given_name", "family_name", "attendance", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


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


def _emails(queryset: QuerySet) -> list[str]:
    return sorted({email.lower() for email in queryset.values_list("email", flat=True)})


def _json_download(data: object, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class PersonalDataActions:
    """Requests of the people whose data this is: export it, or erase it."""

    @admin.action(description=_("Export personal data (JSON)"))
    def export_personal_data(
        self, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse:
        data = [services.personal_data_of(email) for email in _emails(queryset)]
        return _json_download(data, "personal-data.json")

    @admin.action(
        description=_("Erase everything held about these people"),
        permissions=["delete"],
    )
    def erase_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = sum(services.erase_person(email) for email in _emails(queryset))
        self.message_user(request, _("%(count)d records erased.") % {"count": count})


@admin.register(Invitation)
class InvitationAdmin(PersonalDataActions, HistoryAdmin):
    list_display = [
        "name",
        "email",
        "organisation",
        "delegation",
        "category",
        "language",
        "seats",
        "status_display",
        "sent_at",
        "expires_at",
    ]
    list_filter = ["conference", InvitationStatusFilter, "category", "language"]
    search_fields = ["name", "email", "organisation", "delegation"]
    list_select_related = ["conference"]
    readonly_fields = ["status", "sent_at", "opened_at", "created_at", "updated_at"]
    fields = [
        "conference",
        "name",
        "email",
        "organisation",
        "delegation",
        "category",
        "position",
        "language",
        "seats",
        "expires_at",
        *readonly_fields,
    ]
    inlines = [RegistrationInline]
    actions = ["send_action", "revoke_action", "export_personal_data", "erase_action"]
    change_list_template = "registration/admin/invitation_changelist.html"

    @admin.display(description=_("status"))
    def status_display(self, invitation: Invitation) -> str:
        return invitation.get_current_status_display()

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        from datetime import timedelta

        from django.utils import timezone

        initial = super().get_changeform_initial_data(request)
        initial.setdefault("expires_at", timezone.now() + timedelta(days=60))
        return initial

    def save_model(
        self, request: HttpRequest, obj: Invitation, form: object, change: bool
    ) -> None:
        if not change:
            obj.token_hash = services.new_token()[1]
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Send or re-send the invitation (issues a new link)"))
    def send_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        sent = 0
        for invitation in queryset:
            try:
                services.send_invitation(invitation)
                sent += 1
            except services.RegistrationError as error:
                self.message_user(
                    request, f"{invitation}: {error.message}", messages.WARNING
                )
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation queued for sending.",
                "%(count)d invitations queued for sending.",
                sent,
            )
            % {"count": sent},
        )

    @admin.action(description=_("Revoke the invitation"))
    def revoke_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        for invitation in queryset:
            services.revoke_invitation(invitation)
        self.message_user(request, _("Revoked."))

    def get_urls(self) -> list:
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="registration_invitation_upload",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Bulk invitations: report every bad row; import nothing or the good rows."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        conferences = Conference.objects.order_by("-start_date")
        conference = None
        report = None
        form = InvitationUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            conference_id = request.POST.get("conference", "")
            conference = (
                Conference.objects.filter(pk=conference_id).first()
                if conference_id.isdigit()
                else None
            )
            if form.is_valid() and conference is None:
                form.add_error(None, _("Choose the conference to invite to."))
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    rows = imports.read_rows(upload.name, upload.read())
                except ValueError as error:
                    form.add_error("file", str(error))
                else:
                    report = imports.import_invitations(
                        conference,
                        rows,
                        import_good_rows=form.cleaned_data["import_good_rows"],
                        send=form.cleaned_data["send"],
                    )
                    if report.created:
                        self.message_user(
                            request,
                            _("%(count)d invitations imported.")
                            % {"count": len(report.created)},
                        )
                        if not report.errors:
                            return redirect("admin:registration_invitation_changelist")
                    else:
                        self.message_user(
                            request,
                            _("Nothing was imported: correct the rows below."),
                            messages.ERROR,
                        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Upload invitations"),
            "form": form,
            "conferences": conferences,
            "conference": conference,
            "report": report,
            "opts": self.model._meta,
        }
        return render(
            request,
            "registration/admin/invitation_upload.html",
            context,
            status=400
            if form.errors or (report and report.errors and not report.created)
            else 200,
        )


@admin.register(Registration)
class RegistrationAdmin(PersonalDataActions, HistoryAdmin):
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
        services.lock_conference(obj.conference)
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # A side event that staff took off this registration frees its seat for
        # the next person on that side event's waiting list.
        services.fill_side_event_seats(form.instance.conference)

    def delete_model(self, request: HttpRequest, obj: Registration) -> None:
        # Through the rules, so that the place and side-event seats pass on.
        services.delete_registrations([obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        services.delete_registrations(list(queryset))

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
        count = sum(services.approve_registration(r) for r in queryset)
        self.message_user(request, _("%(count)d approved.") % {"count": count})

    @admin.action(description=_("Move from the waiting list: offer a place"))
    def offer_place_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = 0
        for registration in queryset.order_by("created_at", "id"):
            try:
                count += services.move_from_waiting_list(registration)
            except services.RegistrationError as error:
                self.message_user(
                    request, f"{registration}: {error.message}", messages.WARNING
                )
                break
        self.message_user(request, _("%(count)d places offered.") % {"count": count})

    @admin.action(description=_("Cancel (frees the place for the waiting list)"))
    def cancel_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        for registration in queryset:
            services.cancel_registration(registration, by_staff=True)
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
        header = [
            str(_("Honorific")),
            str(_("Given name")),
            str(_("Family name")),
            str(_("Position")),
            str(_("Organisation")),
            str(_("Delegation")),
            str(_("Email")),
            str(_("Attendance")),
            str(_("Status")),
            str(_("Category")),
            str(_("Interpretation")),
            str(_("Side events")),
            str(_("Side events: waiting list")),
        ]
        rows = [
            exports._participant_row(registration)
            for registration in queryset.prefetch_related(
                "sessions", selectors.WAITS_FOR_EXPORT
            )
        ]
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


@admin.register(CheckIn)
class CheckInAdmin(HistoryAdmin):
    list_display = ["registration", "session", "scanned_at", "scanned_by", "repeated"]
    list_filter = ["repeated", "session__conference"]
    list_select_related = ["registration", "session"]
    search_fields = ["registration__family_name", "registration__given_name"]


@admin.register(OnlineSignup)
class OnlineSignupAdmin(HistoryAdmin):
    list_display = ["name", "email", "organisation", "session", "created_at"]
    list_filter = ["session__conference", "session"]
    list_select_related = ["session"]
    search_fields = ["name", "email", "organisation"]
