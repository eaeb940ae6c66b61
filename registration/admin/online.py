"""Online participants in the admin: who follows a conference online, exported."""

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.forms import CheckboxSelectMultiple, ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from events.admin_base import HistoryAdmin
from registration import exports
from registration.models import OnlineParticipant
from registration.selectors import online_sessions

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@admin.register(OnlineParticipant)
class OnlineParticipantAdmin(HistoryAdmin):
    list_display = [
        "name",
        "email",
        "organisation",
        "language",
        "conference",
        "session_count",
        "created_at",
    ]
    list_filter = ["conference", "language"]
    list_select_related = ["conference"]
    search_fields = ["name", "email", "organisation"]
    readonly_fields = ["consent_at", "created_at", "updated_at"]
    actions = ["export_csv", "export_xlsx"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # People sign up themselves, giving their consent on the form.
        return False

    def get_form(
        self, request: HttpRequest, obj: OnlineParticipant | None = None, **kwargs: Any
    ) -> type[ModelForm]:
        """The choice of sessions: the participant's conference's online ones."""
        form = super().get_form(request, obj, **kwargs)
        field = form.base_fields.get("sessions")
        if field is not None and obj is not None:
            field.queryset = online_sessions(obj.conference)
            field.widget = CheckboxSelectMultiple(choices=field.choices)
        return form

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(chosen=Count("sessions"))

    @admin.display(description=_("sessions to follow"), ordering="chosen")
    def session_count(self, participant: OnlineParticipant) -> str:
        return str(participant.chosen) if participant.chosen else _("all")

    def _export(self, queryset: QuerySet, fmt: str) -> HttpResponse:
        header, rows = exports.online_participants_of(queryset)
        if fmt == "csv":
            response = HttpResponse(
                exports.to_csv(header, rows), content_type="text/csv"
            )
        else:
            response = HttpResponse(
                exports.to_xlsx(header, rows, "online"), content_type=XLSX
            )
        response["Content-Disposition"] = (
            f'attachment; filename="online-participants.{fmt}"'
        )
        return response

    @admin.action(description=_("Export as CSV"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return self._export(queryset, "csv")

    @admin.action(description=_("Export as XLSX"))
    def export_xlsx(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return self._export(queryset, "xlsx")
