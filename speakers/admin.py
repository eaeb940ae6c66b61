"""Staff editing of people, and their participation inline on the session page."""

from django.contrib import admin, messages
from django.http import HttpRequest

from events.admin import SessionAdmin
from events.models import Session
from speakers.models import Participation, Person
from speakers.services import overlapping_bookings


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["person"]
    fields = [
        "person",
        "role",
        "agenda_item",
        "order",
        "joins_online",
        "to_be_confirmed",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agenda_item":
            session_id = request.resolver_match.kwargs.get("object_id")
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.queryset = (
                field.queryset.filter(session_id=session_id)
                if session_id
                else (field.queryset.none())
            )
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SessionWithPeopleAdmin(SessionAdmin):
    inlines = [*SessionAdmin.inlines, ParticipationInline]

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        for person, other in overlapping_bookings(form.instance):
            messages.warning(
                request,
                f"{person} is also booked in “{other.title}” at the same time.",
            )


admin.site.unregister(Session)
admin.site.register(Session, SessionWithPeopleAdmin)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "honorific", "organisation", "country"]
    list_select_related = ["organisation"]
    search_fields = ["family_name", "given_name", "position", "organisation__name"]
    autocomplete_fields = ["organisation"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["person", "session", "role", "joins_online", "to_be_confirmed"]
    list_filter = ["role", "session__conference", "joins_online", "to_be_confirmed"]
    list_select_related = ["person", "session"]
    search_fields = ["person__family_name", "person__given_name", "session__title"]
    autocomplete_fields = ["person", "session"]
