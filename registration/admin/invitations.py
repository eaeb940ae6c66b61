"""Invitations in the admin: status filter, sending, revoking, bulk upload."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.admin_base import HistoryAdmin
from events.models import Conference
from events.tokens import new_token
from outbox.admin import EmailsShown
from registration import imports
from registration.admin.personal_data import PersonalDataActions
from registration.forms import InvitationUploadForm
from registration.models import Invitation, Registration
from registration.services import RegistrationError
from registration.services.invitations import revoke_invitation, send_invitation
from registration.services.rules import invitation_expiry


class InvitationStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return Invitation.Status.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
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


@admin.register(Invitation)
class InvitationAdmin(EmailsShown, PersonalDataActions, HistoryAdmin):
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
    readonly_fields = [
        "status",
        "sent_at",
        "opened_at",
        "created_at",
        "updated_at",
        "emails",
    ]
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
        initial = super().get_changeform_initial_data(request)
        conference_id = str(initial.get("conference", ""))
        conference = (
            Conference.objects.filter(pk=conference_id).first()
            if conference_id.isascii() and conference_id.isdigit()
            else None
        )
        if conference is not None:
            initial.setdefault("expires_at", invitation_expiry(conference))
        return initial

    def get_form(
        self, request: HttpRequest, obj: object = None, **kwargs: object
    ) -> type[ModelForm]:
        """Let the expiry be left empty: the conference's setting then gives it."""
        form = super().get_form(request, obj, **kwargs)
        if "expires_at" in form.base_fields:
            form.base_fields["expires_at"].required = False
        return form

    def save_model(
        self, request: HttpRequest, obj: Invitation, form: object, change: bool
    ) -> None:
        if not change:
            obj.token_hash = new_token()[1]
        if obj.expires_at is None:
            obj.expires_at = invitation_expiry(obj.conference)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Send or re-send the invitation (issues a new link)"))
    def send_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        sent = 0
        for invitation in queryset:
            try:
                send_invitation(invitation)
                sent += 1
            except RegistrationError as error:
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
            revoke_invitation(invitation)
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
