"""Filters of people and participations (django-filter)."""

from datetime import datetime

import django_filters
from django.db.models import Q, QuerySet

from events.api.filters import IdFilter, MomentFilter
from speakers.models import Participation, Person


class PersonFilter(django_filters.FilterSet):
    conference = django_filters.CharFilter(
        method="filter_conference", help_text="Slug of a conference they take part in."
    )
    organisation = django_filters.CharFilter(
        field_name="organisation__slug", help_text="Organisation slug."
    )
    session = IdFilter(
        method="filter_session", help_text="Id of a session they take part in."
    )
    role = django_filters.ChoiceFilter(
        choices=Participation.Role.choices,
        method="filter_role",
        help_text="People with this role in some session.",
    )
    q = django_filters.CharFilter(method="filter_text", help_text="Words in names.")
    updated_since = MomentFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Changed since (ISO 8601).",
    )

    class Meta:
        model = Person
        fields = ["slug", "country"]

    def _taking_part(self, queryset: QuerySet[Person], **lookups):
        people = Participation.objects.filter(**lookups).values("person")
        return queryset.filter(pk__in=people)

    def filter_conference(self, queryset: QuerySet[Person], name: str, value: str):
        return self._taking_part(queryset, session__conference__slug=value)

    def filter_session(self, queryset: QuerySet[Person], name: str, value: int):
        return self._taking_part(queryset, session_id=value)

    def filter_role(self, queryset: QuerySet[Person], name: str, value: str):
        return self._taking_part(queryset, role=value)

    def filter_text(self, queryset: QuerySet[Person], name: str, value: str):
        for word in value.split():
            queryset = queryset.filter(
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(position__icontains=word)
            )
        return queryset


class ParticipationFilter(django_filters.FilterSet):
    conference = django_filters.CharFilter(
        field_name="session__conference__slug", help_text="Conference slug."
    )
    person = django_filters.CharFilter(
        field_name="person__slug", help_text="Person slug."
    )
    person_id = IdFilter(field_name="person_id", help_text="Person id.")
    session = IdFilter(field_name="session_id", help_text="Session id.")
    agenda_item = IdFilter(field_name="agenda_item_id", help_text="Agenda item id.")
    organisation = django_filters.CharFilter(
        field_name="person__organisation__slug",
        help_text="Slug of the person's organisation.",
    )
    updated_since = MomentFilter(
        method="filter_updated_since",
        help_text="Of sessions or people changed since (ISO 8601).",
    )

    class Meta:
        model = Participation
        fields = ["role"]

    def filter_updated_since(
        self, queryset: QuerySet[Participation], name: str, value: datetime
    ):
        return queryset.filter(
            Q(session__updated_at__gte=value) | Q(person__updated_at__gte=value)
        )
