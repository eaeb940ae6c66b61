"""The programme page's filters: GET parameters that work without JavaScript."""

from datetime import datetime, time

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models import Conference, Session
from events.selectors import (
    conference_days,
    organisations_of,
    rooms_of,
    search_sessions,
)


class ProgrammeFilter(django_filters.FilterSet):
    """Choices come from the conference, so unknown values are form errors."""

    day = django_filters.ChoiceFilter(
        label=_("Day"), empty_label=_("All days"), method="filter_day"
    )
    room = django_filters.ChoiceFilter(
        label=_("Room"), empty_label=_("All rooms"), field_name="room__slug"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), empty_label=_("All kinds"), method="filter_kind"
    )
    organisation = django_filters.ChoiceFilter(
        label=_("Organisation"),
        empty_label=_("All organisations"),
        method="filter_organisation",
    )
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    class Meta:
        model = Session
        fields = ["day", "room", "kind", "organisation", "q"]

    def __init__(
        self,
        data: object = None,
        queryset: QuerySet[Session] | None = None,
        *,
        conference: Conference,
        **kwargs: object,
    ) -> None:
        super().__init__(data, queryset, **kwargs)
        self.conference = conference
        filters = self.filters
        filters["day"].extra["choices"] = [
            (day.isoformat(), date_format(day, "l j E")) for day in self.days
        ]
        filters["room"].extra["choices"] = [
            (room.slug, room.name) for room in rooms_of(conference, queryset)
        ]
        # Sorted by the name the reader sees (the short name where there is one).
        filters["organisation"].extra["choices"] = sorted(
            ((org.slug, org.display_name) for org in organisations_of(queryset)),
            key=lambda choice: (choice[1].casefold(), choice[0]),
        )
        # Only the kinds that some session of the programme has.
        kinds = set(
            (queryset if queryset is not None else Session.objects.none())
            .values_list("kind", flat=True)
            .distinct()
        )
        filters["kind"].extra["choices"] = [
            (value, label) for value, label in Session.Kind.choices if value in kinds
        ]

    @property
    def days(self) -> list:
        return conference_days(self.conference)

    def filter_day(
        self, queryset: QuerySet[Session], name: str, value: str
    ) -> QuerySet[Session]:
        day = datetime.fromisoformat(value).date()
        zone = self.conference.tzinfo
        return queryset.filter(
            start__gte=datetime.combine(day, time.min, tzinfo=zone),
            start__lte=datetime.combine(day, time.max, tzinfo=zone),
        )

    def filter_kind(
        self, queryset: QuerySet[Session], name: str, value: str
    ) -> QuerySet[Session]:
        return queryset.filter(kind=value)

    def filter_organisation(
        self, queryset: QuerySet[Session], name: str, value: str
    ) -> QuerySet[Session]:
        return queryset.filter(
            pk__in=Session.objects.filter(organisers__organisation__slug=value).values(
                "pk"
            )
        )

    def filter_text(
        self, queryset: QuerySet[Session], name: str, value: str
    ) -> QuerySet[Session]:
        return search_sessions(queryset, value)
