"""Staff editing of the programme, with its history (django-reversion)."""

from collections.abc import Callable

import reversion
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from events.forms import OrganisationForm, SessionForm
from events.models import (
    AgendaItem,
    Conference,
    Organisation,
    ProgrammeRelease,
    Room,
    Session,
    SessionOrganiser,
    SessionSection,
    Venue,
)
from events.releases import publish_programme_release
from events.services import (
    delete_from_programme,
    save_conference,
    save_organisation,
    save_room,
    save_session,
    save_session_part,
    save_venue,
)

# Who changed what and when: every save inside a revision (admin views, and the
# audit middleware of alliance/audit.py for API writes) stores a copy of these
# objects. A session's copy includes its concept note, organisers and agenda items,
# and a change to any of those stores the whole session again, so its latest copy
# is always complete and "Recover deleted sessions" brings all of it back.
reversion.register(Venue, follow=["rooms"])
reversion.register(Room)
reversion.register(Organisation)
reversion.register(Conference)
reversion.register(Session, follow=["sections", "organisers", "agenda_items"])
reversion.register(SessionSection, follow=["session"])
reversion.register(SessionOrganiser, follow=["session"])
reversion.register(AgendaItem, follow=["session"])


class HistoryAdmin(CompareVersionAdmin):
    """A ModelAdmin with "History" (who, when, field diffs) and "Recover deleted"."""


class ProgrammeAdmin(HistoryAdmin):
    """A HistoryAdmin of the programme, whose writes go through the services.

    Every save and delete, inline rows and the changelist's delete action
    included, goes through ``events.services``, which leaves the tombstones and
    marks changed sessions for syncing API clients.
    """

    save_service: Callable[[Model], Model]

    def save_model(
        self, request: HttpRequest, obj: Model, form: ModelForm, change: bool
    ) -> None:
        self.save_service(obj)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        delete_from_programme([obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        delete_from_programme(queryset)

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm,
        formset: BaseModelFormSet,
        change: bool,
    ) -> None:
        for instance in formset.save(commit=False):
            self.save_inline(instance)
        delete_from_programme(formset.deleted_objects)
        formset.save_m2m()

    def save_inline(self, instance: Model) -> None:
        """Save an inline row: by default a part of the session being edited."""
        save_session_part(instance)


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Venue)
class VenueAdmin(ProgrammeAdmin):
    list_display = ["name", "city", "country"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoomInline]
    save_service = staticmethod(save_venue)

    def save_inline(self, instance: Model) -> None:
        save_room(instance)


@admin.register(Room)
class RoomAdmin(ProgrammeAdmin):
    list_display = ["name", "venue", "capacity", "order"]
    list_filter = ["venue"]
    list_select_related = ["venue"]
    search_fields = ["name", "venue__name"]
    prepopulated_fields = {"slug": ["name"]}
    save_service = staticmethod(save_room)


@admin.register(Organisation)
class OrganisationAdmin(ProgrammeAdmin):
    form = OrganisationForm
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name", "other_names"]
    prepopulated_fields = {"slug": ["short_name"]}
    save_service = staticmethod(save_organisation)


@admin.register(Conference)
class ConferenceAdmin(ProgrammeAdmin):
    list_display = ["title", "edition", "start_date", "end_date", "venue", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["venue"]
    search_fields = ["title", "theme", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue", "organiser"]
    date_hierarchy = "start_date"
    save_service = staticmethod(save_conference)


class SessionDayFilter(admin.SimpleListFilter):
    title = _("day")
    parameter_name = "day"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        days = model_admin.get_queryset(request).dates("start", "day", order="DESC")
        return [(day.isoformat(), date_format(day, "D j M Y")) for day in days]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Session]
    ) -> QuerySet[Session]:
        if self.value():
            try:
                return queryset.filter(start__date=self.value())
            except ValidationError:
                return queryset.none()
        return queryset


class SessionSectionInline(admin.StackedInline):
    model = SessionSection
    extra = 0
    verbose_name_plural = _("concept note")


class SessionOrganiserInline(admin.TabularInline):
    model = SessionOrganiser
    extra = 0
    autocomplete_fields = ["organisation"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Session)
class SessionAdmin(ProgrammeAdmin):
    form = SessionForm
    list_display = [
        "title",
        "conference",
        "kind",
        "start",
        "end",
        "room",
        "is_published",
    ]
    list_filter = ["conference", SessionDayFilter, "room", "kind", "is_published"]
    list_select_related = ["conference", "room"]
    search_fields = ["title", "description", "organisers__organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["conference", "room"]
    inlines = [SessionOrganiserInline, SessionSectionInline, AgendaItemInline]
    save_service = staticmethod(save_session)
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "conference",
                    "kind",
                    "title",
                    "slug",
                    "description",
                    # Hidden: the version the editor loaded (see SessionForm).
                    "loaded_updated_at",
                ]
            },
        ),
        (_("Time and place"), {"fields": ["start", "end", "room", "attendance_mode"]}),
        (
            _("Online access"),
            {
                "fields": [
                    "online_platform",
                    "online_join_url",
                    "online_meeting_id",
                    "online_passcode",
                    "online_registration_url",
                    "online_link_on_registration",
                ]
            },
        ),
        (_("Publication"), {"fields": ["interpretation_languages", "is_published"]}),
    ]


@admin.register(ProgrammeRelease)
class ProgrammeReleaseAdmin(admin.ModelAdmin):
    """Publish a version of the programme: pick the conference, write a short note.

    The number, time and changes are computed on publishing; a version once
    published is history and is not edited.
    """

    list_display = ["conference", "number", "note", "published_at", "change_count"]
    list_filter = ["conference"]
    list_select_related = ["conference"]
    fields = ["conference", "note"]

    @admin.display(description=_("changes"))
    def change_count(self, release: ProgrammeRelease) -> int:
        return len(release.changes)

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return ["conference", "note", "number", "published_at"] if obj else []

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return
        release = publish_programme_release(
            obj.conference, note=obj.note, user=request.user
        )
        obj.pk, obj.number = release.pk, release.number

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)
