"""Staff side of registration: invitations, registrations, waiting list, exports.

Actions call services, so the admin obeys the same capacity and e-mail rules as the
invitee's own pages. Every change is kept in the history (django-reversion) with
who made it: "History" on each page lists and compares the versions.
"""

import reversion
from django.contrib import admin

from events.admin import HistoryAdmin
from registration.admin import invitations, registrations  # noqa: F401 -- registers
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
# data also erases these copies (services.privacy.erase_person).
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
