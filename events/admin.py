"""Staff editing of the programme, with its history (django-reversion)."""

from functools import partial

import reversion
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationStackedInline,
    TranslationTabularInline,
)

from events.admin_base import TranslatedProgrammeAdmin, session_label
from events.admin_merge import has_merge_permission, merge_selected
from events.admin_translations import export_view, translations_view
from events.documents import save_document
from events.forms import DocumentForm, OrganisationForm, SessionForm
from events.models import (
    AgendaItem,
    Conference,
    Document,
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
    save_conference,
    save_organisation,
    save_room,
    save_session,
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
reversion.register(
    Session, follow=["sections", "organisers", "agenda_items", "documents"]
)
reversion.register(SessionSection, follow=["session"])
reversion.register(SessionOrganiser, follow=["session"])
reversion.register(AgendaItem, follow=["session"])
reversion.register(Document, follow=["session"])


class RoomInline(TranslationTabularInline):
    model = Room
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Venue)
class VenueAdmin(TranslatedProgrammeAdmin):
    list_display = ["name", "city", "country"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoomInline]
    save_service = staticmethod(save_venue)

    def save_inline(self, instance: Model) -> None:
        save_room(instance)


@admin.register(Room)
class RoomAdmin(TranslatedProgrammeAdmin):
    list_display = ["name", "venue", "capacity", "order"]
    list_filter = ["venue"]
    list_select_related = ["venue"]
    search_fields = ["name", "venue__name"]
    prepopulated_fields = {"slug": ["name"]}
    save_service = staticmethod(save_room)


@admin.register(Organisation)
class OrganisationAdmin(TranslatedProgrammeAdmin):
    form = OrganisationForm
    list_display = ["name", "short_name", "website"]
    search_fields = [
        "name_en",
        "name_ru",
        "short_name_en",
        "short_name_ru",
        "other_names",
    ]
    prepopulated_fields = {"slug": ["short_name"]}
    save_service = staticmethod(save_organisation)
    actions = [merge_selected]
    has_merge_permission = has_merge_permission


class ConferenceDocumentInline(admin.TabularInline):
    """Documents of the whole conference (reports, programmes), for the archive."""

    model = Document
    form = DocumentForm
    fk_name = "conference"
    exclude = ["session"]
    extra = 0
    verbose_name_plural = _("documents of the conference")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Document]:
        return super().get_queryset(request).filter(session__isnull=True)


class SessionDocumentInline(admin.TabularInline):
    model = Document
    form = DocumentForm
    fk_name = "session"
    exclude = ["conference"]
    extra = 0


class DocumentSavingAdmin(TranslatedProgrammeAdmin):
    """Inline documents are saved with their type read from their content."""

    def save_inline(self, instance: Model) -> None:
        if isinstance(instance, Document):
            if not instance.conference_id:
                instance.conference_id = self.parent_conference_id(instance)
            save_document(instance)
        else:
            super().save_inline(instance)

    def parent_conference_id(self, document: Document) -> int:
        return document.session.conference_id


@admin.register(Conference)
class ConferenceAdmin(DocumentSavingAdmin):
    list_display = ["title", "edition", "start_date", "end_date", "venue", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["venue"]
    search_fields = ["title", "theme", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue", "organiser"]
    date_hierarchy = "start_date"
    inlines = [ConferenceDocumentInline]
    save_service = staticmethod(save_conference)
    readonly_fields = ["russian_text"]

    @admin.display(description=_("Russian text"))
    def russian_text(self, obj: Conference) -> str:
        if not obj.pk:
            return "–"
        url = reverse("admin:events_conference_translations", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a>', url, _("What lacks Russian; export and import")
        )

    def get_urls(self) -> list:
        """The conference's Russian-text report, export and import."""
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/translations/",
                wrap(partial(translations_view, self)),
                name="events_conference_translations",
            ),
            path(
                "<path:object_id>/translations/export.<str:file_format>",
                wrap(partial(export_view, self)),
                name="events_conference_translations_export",
            ),
            *super().get_urls(),
        ]


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


class SessionSectionInline(TranslationStackedInline):
    model = SessionSection
    extra = 0
    verbose_name_plural = _("concept note")


class SessionOrganiserInline(admin.TabularInline):
    model = SessionOrganiser
    extra = 0
    autocomplete_fields = ["organisation"]


class AgendaItemInline(TranslationStackedInline):
    model = AgendaItem
    extra = 0


@admin.register(Session)
class SessionAdmin(DocumentSavingAdmin):
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
    # Every word typed must match one of these: "panel 1 2026", "room 533 children".
    search_fields = [
        "title_en",
        "title_ru",
        "description_en",
        "organisers__organisation__name_en",
        "organisers__organisation__name_ru",
        "room__name_en",
        "room__name_ru",
        "conference__title_en",
        "conference__title_ru",
        "conference__slug",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["conference", "room"]
    autocomplete_label = staticmethod(session_label)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        """Newest first, with what the labels read, for the session pickers."""
        queryset, duplicates = super().get_search_results(
            request, queryset, search_term
        )
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.select_related("conference", "room").order_by(
                "-start", "title"
            )
        return queryset, duplicates

    inlines = [
        SessionOrganiserInline,
        SessionSectionInline,
        AgendaItemInline,
        SessionDocumentInline,
    ]
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
