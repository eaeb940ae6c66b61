"""Filters of the programme's API resources (django-filter).

One rule for every resource: a malformed value is a 400 naming the parameter; a
well-formed slug or id that names nothing (or nothing the client may see) narrows
the list to nothing, so that an answer never tells a draft exists.

Filters that reach people go through the ``participations`` relation by name, so
that events imports nothing from speakers.
"""

from datetime import UTC, datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django_filters.fields import IsoDateTimeField

from events.models import (
    AgendaItem,
    Conference,
    Deletion,
    Organisation,
    Room,
    Session,
    SessionOrganiser,
    SessionSection,
)


def participation_roles() -> list[tuple[str, str]]:
    participation = Session._meta.get_field("participations").related_model
    return participation.Role.choices


class MomentField(IsoDateTimeField):
    """An ISO 8601 moment, turned into UTC.

    Python accepts offsets up to ±23:59 and PostgreSQL only up to ±15:59; in UTC
    every moment that exists is fine, and one that does not is a 400.
    """

    def to_python(self, value: object) -> datetime | None:
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError as error:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from error


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


class WholeNumberFilter(django_filters.NumberFilter):
    """A whole number: 2016.5, 1e400 or year 0 is a 400, not a database error."""

    field_class = forms.IntegerField


class IdFilter(WholeNumberFilter):
    """An id: numbers past 64 bits overflow SQLite, so they are refused."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class SessionFilter(django_filters.FilterSet):
    conference = django_filters.CharFilter(
        field_name="conference__slug", help_text="Conference slug."
    )
    room = django_filters.CharFilter(field_name="room__slug", help_text="Room slug.")
    room_id = IdFilter(field_name="room_id", help_text="Room id.")
    kind = django_filters.MultipleChoiceFilter(
        choices=Session.Kind.choices, help_text="Kind; repeat for several."
    )
    date = django_filters.DateFilter(
        field_name="start__date", help_text="Day the session starts (YYYY-MM-DD)."
    )
    date_from = django_filters.DateFilter(
        field_name="start__date",
        lookup_expr="gte",
        help_text="Sessions starting on or after this day.",
    )
    date_to = django_filters.DateFilter(
        field_name="start__date",
        lookup_expr="lte",
        help_text="Sessions starting on or before this day.",
    )
    organisation = django_filters.CharFilter(
        method="filter_organisation", help_text="Slug of an organising organisation."
    )
    person = django_filters.CharFilter(
        method="filter_person",
        help_text="Slug of a person taking part; with role, in that role.",
    )
    role = django_filters.ChoiceFilter(
        choices=participation_roles,
        method="filter_role",
        help_text="Sessions where somebody (or, with person, that person) has it.",
    )
    q = django_filters.CharFilter(
        method="filter_text",
        help_text="Words in the title, description, organisers or people's names.",
    )
    updated_since = MomentFilter(
        method="filter_updated_since",
        help_text="Sessions changed at or after this moment (ISO 8601), including "
        "changes to their organisers, agenda and people.",
    )

    class Meta:
        model = Session
        fields = ["attendance_mode", "is_published"]

    def _with_participation(self, queryset: QuerySet[Session], **lookups: str):
        matches = Session.objects.filter(
            **{f"participations__{key}": value for key, value in lookups.items()}
        ).values("pk")
        return queryset.filter(pk__in=matches)

    def filter_person(self, queryset: QuerySet[Session], name: str, value: str):
        role = self.form.cleaned_data.get("role")
        lookups = {"person__slug": value, **({"role": role} if role else {})}
        return self._with_participation(queryset, **lookups)

    def filter_role(self, queryset: QuerySet[Session], name: str, value: str):
        if self.form.cleaned_data.get("person"):
            return queryset  # applied together with the person
        return self._with_participation(queryset, role=value)

    def filter_organisation(self, queryset: QuerySet[Session], name: str, value: str):
        matches = Session.objects.filter(organisers__organisation__slug=value)
        return queryset.filter(pk__in=matches.values("pk"))

    def filter_text(self, queryset: QuerySet[Session], name: str, value: str):
        for word in value.split():
            matches = Session.objects.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(organisers__organisation__name__icontains=word)
                | Q(organisers__organisation__short_name__icontains=word)
                | Q(participations__person__given_name__icontains=word)
                | Q(participations__person__family_name__icontains=word)
            )
            queryset = queryset.filter(pk__in=matches.values("pk"))
        return queryset

    def filter_updated_since(
        self, queryset: QuerySet[Session], name: str, value: datetime
    ):
        nested = Session.objects.filter(
            Q(participations__person__updated_at__gte=value)
            | Q(organisers__organisation__updated_at__gte=value)
        ).values("pk")
        return queryset.filter(Q(updated_at__gte=value) | Q(pk__in=nested))


class ConferenceFilter(django_filters.FilterSet):
    updated_since = MomentFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Changed since (ISO 8601).",
    )
    year = WholeNumberFilter(field_name="start_date__year", min_value=1, max_value=9999)

    class Meta:
        model = Conference
        fields = ["kind", "status", "edition"]


class RoomFilter(django_filters.FilterSet):
    venue = django_filters.CharFilter(field_name="venue__slug", help_text="Venue slug.")
    conference = django_filters.CharFilter(
        method="filter_conference",
        help_text="Rooms of the conference's venue or used by its sessions.",
    )
    updated_since = MomentFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Changed since (ISO 8601).",
    )

    class Meta:
        model = Room
        fields = ["slug"]

    def filter_conference(self, queryset: QuerySet[Room], name: str, value: str):
        return queryset.filter(
            Q(venue__conferences__slug=value)
            | Q(pk__in=Session.objects.filter(conference__slug=value).values("room"))
        ).distinct()


class OrganisationFilter(django_filters.FilterSet):
    conference = django_filters.CharFilter(
        method="filter_conference",
        help_text="Organisations organising the conference or one of its sessions.",
    )
    q = django_filters.CharFilter(method="filter_text", help_text="Words in names.")
    updated_since = MomentFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Changed since (ISO 8601).",
    )

    class Meta:
        model = Organisation
        fields = ["slug"]

    def filter_conference(
        self, queryset: QuerySet[Organisation], name: str, value: str
    ):
        organising = Session.objects.filter(conference__slug=value).values(
            "organisers__organisation"
        )
        return queryset.filter(
            Q(conferences__slug=value) | Q(pk__in=organising)
        ).distinct()

    def filter_text(self, queryset: QuerySet[Organisation], name: str, value: str):
        for word in value.split():
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(short_name__icontains=word)
            )
        return queryset


class SessionPartFilter(django_filters.FilterSet):
    """Parts of a session: a change to one counts as a change of its session."""

    conference = django_filters.CharFilter(
        field_name="session__conference__slug", help_text="Conference slug."
    )
    session = IdFilter(field_name="session_id", help_text="Session id.")
    updated_since = MomentFilter(
        field_name="session__updated_at",
        lookup_expr="gte",
        help_text="Parts of sessions changed since (ISO 8601).",
    )


class AgendaItemFilter(SessionPartFilter):
    class Meta:
        model = AgendaItem
        fields = []


class SessionOrganiserFilter(SessionPartFilter):
    organisation = django_filters.CharFilter(
        field_name="organisation__slug", help_text="Organisation slug."
    )

    class Meta:
        model = SessionOrganiser
        fields = ["role"]


class SessionSectionFilter(SessionPartFilter):
    class Meta:
        model = SessionSection
        fields = []


class DeletionFilter(django_filters.FilterSet):
    since = MomentFilter(
        field_name="deleted_at",
        lookup_expr="gte",
        help_text="Deleted at or after this moment (ISO 8601).",
    )

    class Meta:
        model = Deletion
        fields = ["resource"]
