"""Staff side of the portal: who has access, who confirmed, edits to approve."""

import reversion
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from events.admin_base import HistoryAdmin
from organisers import confirmations, services
from organisers.models import (
    OrganiserAccess,
    PendingEdit,
    PortalSettings,
    SpeakerConfirmation,
)
from organisers.snapshots import snapshot_diff
from speakers.services import double_booking_warnings

reversion.register(PortalSettings)
reversion.register(OrganiserAccess)
reversion.register(SpeakerConfirmation)


@admin.register(PortalSettings)
class PortalSettingsAdmin(HistoryAdmin):
    list_display = [
        "conference",
        "edits_need_approval",
        "edit_deadline",
        "contact_email",
    ]
    autocomplete_fields = ["conference"]


@admin.register(OrganiserAccess)
class OrganiserAccessAdmin(HistoryAdmin):
    list_display = ["email", "session", "is_active", "link_sent_at", "last_opened_at"]
    list_filter = ["session__conference", "is_active"]
    list_select_related = ["session"]
    search_fields = ["email", "name", "session__title"]
    autocomplete_fields = ["session"]
    fields = ["session", "email", "name", "language", "is_active"]
    actions = ["send_link"]

    def save_model(
        self, request: HttpRequest, obj: OrganiserAccess, form, change
    ) -> None:
        if change:
            obj.save()
        else:
            saved = services.grant_access(
                obj.session, email=obj.email, name=obj.name, language=obj.language
            )
            obj.pk = saved.pk

    @admin.action(description=_("Send the personal link again"))
    def send_link(self, request: HttpRequest, queryset: QuerySet) -> None:
        for access in queryset:
            services.grant_access(access.session, email=access.email)
        self.message_user(request, _("The links are queued."), messages.SUCCESS)


@admin.register(SpeakerConfirmation)
class SpeakerConfirmationAdmin(HistoryAdmin):
    """Who has confirmed, per conference and per session (filters on the right)."""

    list_display = ["person", "session", "status", "responded_at", "reminders_sent"]
    list_filter = [
        "participation__session__conference",
        "status",
        "participation__session",
    ]
    list_select_related = ["participation__person", "participation__session"]
    search_fields = ["email", "participation__person__family_name"]
    autocomplete_fields = ["participation"]
    fields = ["participation", "email", "language", "status", "responded_at"]
    readonly_fields = ["status", "responded_at"]
    actions = ["ask_again"]

    @admin.display(description=_("person"))
    def person(self, obj: SpeakerConfirmation) -> str:
        return obj.participation.person.full_name

    @admin.display(description=_("session"))
    def session(self, obj: SpeakerConfirmation) -> str:
        return obj.participation.session.title

    def save_model(self, request: HttpRequest, obj, form, change) -> None:
        saved = confirmations.ask_to_confirm(
            obj.participation, email=obj.email, language=obj.language
        )
        obj.pk = saved.pk

    @admin.action(description=_("Send the link to confirm again"))
    def ask_again(self, request: HttpRequest, queryset: QuerySet) -> None:
        for confirmation in queryset.select_related("participation"):
            confirmations.ask_to_confirm(
                confirmation.participation,
                email=confirmation.email,
                language=confirmation.language,
            )
        self.message_user(request, _("The links are queued."), messages.SUCCESS)


@admin.register(PendingEdit)
class PendingEditAdmin(admin.ModelAdmin):
    """An organiser's change, shown as a diff, approved or sent back with a comment."""

    change_form_template = "organisers/admin/pending_edit_change_form.html"
    list_display = ["session", "submitted_by", "status", "created_at"]
    list_filter = ["status", "session__conference"]
    list_select_related = ["session"]
    fields = ["session", "submitted_by", "status", "created_at", "changes", "comment"]
    readonly_fields = ["session", "submitted_by", "status", "created_at", "changes"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("changes"))
    def changes(self, edit: PendingEdit) -> str:
        rows = snapshot_diff(edit.before, edit.after)
        return format_html(
            '<pre class="diff">{}</pre>',
            format_html_join(
                "",
                '<span class="{}">{} {}</span>\n',
                (
                    ({"+": "added", "-": "removed"}.get(mark, "kept"), mark, line)
                    for mark, line in rows
                ),
            ),
        )

    def response_change(self, request: HttpRequest, obj: PendingEdit) -> HttpResponse:
        if obj.status == PendingEdit.Status.PENDING and "_approve" in request.POST:
            if services.approve_edit(obj, by=request.user):
                self.message_user(request, _("The change is published."))
                # The same double-booking warning as wherever a person is added.
                for warning in double_booking_warnings(obj.session):
                    self.message_user(request, warning, messages.WARNING)
            else:
                self.message_user(
                    request,
                    _(
                        "The session changed since this edit was made; it was not "
                        "applied. Send it back so the organiser redoes it."
                    ),
                    messages.ERROR,
                )
        elif obj.status == PendingEdit.Status.PENDING and "_return" in request.POST:
            services.return_edit(obj, by=request.user, comment=obj.comment)
            self.message_user(request, _("The change was sent back."))
        return super().response_change(request, obj)
