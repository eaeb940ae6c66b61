import django_filters

from events.models import Session


class SessionFilter(django_filters.FilterSet):
    conference = django_filters.CharFilter(field_name="conference__slug")
    room = django_filters.CharFilter(field_name="room__slug")
    date = django_filters.DateFilter(method="filter_date")

    class Meta:
        model = Session
        fields = ["conference", "kind", "room", "date"]

    def filter_date(self, queryset, name, value):
        return queryset.filter(start__date=value)
