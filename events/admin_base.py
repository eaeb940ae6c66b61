"""The bases of the programme's ModelAdmins, which other apps' admins extend too.

``ProgrammeAdmin`` sends every write through the services (tombstones, changed
sessions); ``HistoryAdmin`` gives history and recovery (django-reversion) to the
admins of other apps. The session pickers label sessions by year, day, time and
room, so that "Panel 1" of one meeting is not taken for another's.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest, HttpResponseBase
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from events.models import Session
from events.selectors import tombstoned_parts_of
from events.services import delete_from_programme, save_session_part, tombstone_vanished
from events.untranslated import lacks_translation


class HistoryAdmin(CompareVersionAdmin):
    """A ModelAdmin with "History" (who, when, field diffs) and "Recover deleted"."""


class MissingRussianFilter(admin.SimpleListFilter):
    """Objects whose English text has no Russian yet, for the translators."""

    title = _("Russian text")
    parameter_name = "russian"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("missing", _("missing")), ("complete", _("complete"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        condition = lacks_translation(queryset.model)
        if self.value() == "missing":
            return queryset.filter(condition)
        if self.value() == "complete":
            return queryset.exclude(condition)
        return queryset


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

    def _reversion_revisionform_view(
        self, request: HttpRequest, version: Version, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        """A revert deletes the parts added since the version: tombstone them too.

        django-reversion removes them with its own collector, past the services;
        the object itself is saved by the change form, through ``save_model``.
        """
        with transaction.atomic(using=version.db):
            current = version.object
            parts = tombstoned_parts_of(current) if current is not None else {}
            response = super()._reversion_revisionform_view(
                request, version, *args, **kwargs
            )
            tombstone_vanished(parts)
        return response

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


class TranslatedProgrammeAdmin(TranslationAdmin, ProgrammeAdmin):
    """English and Russian fields side by side, and a filter for missing Russian."""

    def get_list_filter(self, request: HttpRequest) -> list:
        return [*super().get_list_filter(request), MissingRussianFilter]


def session_label(session: Session) -> str:
    """A session as staff choose it: "Panel 1" and "Opening" repeat every year.

    e.g. "2026 · Tue 21 Apr 13:45 · Room 533 · Children Trafficked into Crime".
    """
    start = session.local_start
    parts = [str(start.year), date_format(start, "D j M H:i")]
    if session.room_id:
        parts.append(str(session.room))
    parts.append(session.title)
    return " · ".join(parts)


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete, labelled by the ModelAdmin's autocomplete_label."""

    def serialize_result(self, obj: Model, to_field_name: str) -> dict:
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result


def labelled_autocomplete_view(request: HttpRequest):
    return LabelledAutocompleteJsonView.as_view(admin_site=admin.site)(request)


# The site's one autocomplete endpoint serves every model; this one labels.
admin.site.autocomplete_view = labelled_autocomplete_view
