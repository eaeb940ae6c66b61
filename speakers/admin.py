"""Staff editing of people, and their participation inline on the session page."""

import reversion
from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.forms import ModelForm, Select
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

from events.admin import SessionAdmin
from events.admin_base import ProgrammeAdmin, TranslatedProgrammeAdmin, session_label
from events.models import Session
from speakers.models import Participation, Person
from speakers.services import (
    delete_participations,
    delete_people,
    double_bookings,
    overlapping_bookings,
    save_participation,
    save_person,
)

# A session's stored copy also holds who takes part in it (events cannot name
# speakers, so the registration is widened here), and a change to a
# participation stores the whole session again, as its other parts do.
reversion.unregister(Session)
reversion.register(
    Session,
    follow=["sections", "organisers", "agenda_items", "documents", "participations"],
)
reversion.register(Person)
reversion.register(Participation, follow=["session"])


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

    def get_formset(self, request: HttpRequest, obj: Session | None = None, **kwargs):
        """Offer only the session's own agenda items.

        The session comes as ``obj`` rather than from the URL, so this also holds
        on the history pages that revert or recover a session.
        """
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("agenda_item")  # absent when read-only
        if field is not None:
            field.queryset = (
                field.queryset.filter(session=obj) if obj else field.queryset.none()
            )
        return formset


class SessionWithPeopleAdmin(SessionAdmin):
    inlines = [*SessionAdmin.inlines, ParticipationInline]

    def save_inline(self, instance: Model) -> None:
        if isinstance(instance, Participation):
            save_participation(instance)
        else:
            super().save_inline(instance)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        for person, other in overlapping_bookings(form.instance):
            messages.warning(
                request,
                _("%(person)s is also booked in “%(session)s” at the same time.")
                % {"person": person, "session": other.title},
            )


admin.site.unregister(Session)
admin.site.register(Session, SessionWithPeopleAdmin)


@admin.register(Person)
class PersonAdmin(TranslatedProgrammeAdmin):
    list_display = ["family_name", "given_name", "honorific", "organisation", "country"]
    list_select_related = ["organisation"]
    search_fields = ["family_name", "given_name", "position", "organisation__name"]
    autocomplete_fields = ["organisation"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    save_service = staticmethod(save_person)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        delete_people([obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        delete_people(queryset)


def conference_from_query(request: HttpRequest) -> int | None:
    """``?conference=<id>``, or the changelist's conference filter; else None."""
    value = request.GET.get("conference")
    if value is None:
        carried = QueryDict(request.GET.get("_changelist_filters", ""))
        value = carried.get("session__conference__id__exact")
    try:
        return int(value) if value else None
    except ValueError:
        return None


@admin.register(Participation)
class ParticipationAdmin(ProgrammeAdmin):
    list_display = ["person", "session", "role", "joins_online", "to_be_confirmed"]
    list_filter = ["role", "session__conference", "joins_online", "to_be_confirmed"]
    list_select_related = ["person", "session"]
    search_fields = ["person__family_name", "person__given_name", "session__title"]
    autocomplete_fields = ["person", "session"]

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        # The conference the form knows: the session's on change, else ?conference=
        # (or the list's conference filter the "Add" button carries along).
        request.participation_conference = (
            obj.session.conference_id if obj else conference_from_query(request)
        )
        return super().get_form(request, obj, change, **kwargs)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        conference = getattr(request, "participation_conference", None)
        if db_field.name == "session" and conference is not None:
            # One conference's sessions fit a plain list, labelled with day and room.
            kwargs["queryset"] = Session.objects.filter(conference_id=conference)
            kwargs["widget"] = Select
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "session":
            field.label_from_instance = session_label
            field.queryset = field.queryset.select_related(
                "conference", "room"
            ).order_by("start", "title")
        return field

    def save_model(
        self, request: HttpRequest, obj: Model, form: ModelForm, change: bool
    ) -> None:
        """Both sessions change when a participation moves: the form knew the old."""
        previous = form.initial.get("session") if change else None
        save_participation(obj, previous_session_id=previous)
        # The same warning as on the session page, whichever page adds the person.
        for other in double_bookings(obj):
            messages.warning(
                request,
                _("%(person)s is also booked in “%(session)s” at the same time.")
                % {"person": obj.person, "session": other.title},
            )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        delete_participations([obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        delete_participations(queryset)
