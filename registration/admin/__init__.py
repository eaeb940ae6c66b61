"""Staff side of registration: invitations, registrations, waiting list, exports.

Actions call services, so the admin obeys the same capacity and e-mail rules as the
invitee's own pages. Every change is kept in the history (django-reversion) with
who made it: "History" on each page lists and compares the versions.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

# First: the history's registrations must precede the ModelAdmins, which would
# otherwise register their models with django-reversion's defaults.
import registration.history  # noqa: F401
from events.admin import ConferenceAdmin
from events.admin_base import HistoryAdmin
from events.models import Conference
from registration.admin import (  # noqa: F401 -- registers
    invitations,
    online,
    registrations,
)
from registration.models import CheckIn, RegistrationSettings


class ConferenceWithDashboardAdmin(ConferenceAdmin):
    """The conference's admin page, with a link to its staff dashboard."""

    readonly_fields = [*ConferenceAdmin.readonly_fields, "staff_dashboard"]
    list_display = [*ConferenceAdmin.list_display, "staff_dashboard"]

    @admin.display(description=_("staff dashboard"))
    def staff_dashboard(self, conference: Conference) -> str:
        if conference.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("registration:staff", kwargs={"conference": conference.slug}),
            _("Places, side events, invitations, arrivals, exports"),
        )


admin.site.unregister(Conference)
admin.site.register(Conference, ConferenceWithDashboardAdmin)


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


@admin.register(CheckIn)
class CheckInAdmin(HistoryAdmin):
    list_display = ["registration", "session", "scanned_at", "scanned_by", "repeated"]
    list_filter = ["repeated", "session__conference"]
    list_select_related = ["registration", "session"]
    search_fields = ["registration__family_name", "registration__given_name"]
