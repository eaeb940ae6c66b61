"""Read endpoints of the programme; writes come through the same rules as the admin."""

from django.db.models import QuerySet
from rest_framework import viewsets

from events.api.filters import SessionFilter
from events.api.serializers import ConferenceSerializer, SessionSerializer
from events.models import Conference, Session
from events.selectors import (
    conferences_visible_to,
    sessions_visible_to,
    with_programme_details,
)


class ConferenceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ConferenceSerializer
    lookup_field = "slug"
    ordering_fields = ["start_date", "title"]

    def get_queryset(self) -> QuerySet[Conference]:
        return conferences_visible_to(self.request.user)


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SessionSerializer
    filterset_class = SessionFilter
    ordering_fields = ["start", "title"]

    def get_queryset(self) -> QuerySet[Session]:
        return with_programme_details(sessions_visible_to(self.request.user)).order_by(
            "start", "room__order", "title", "id"
        )
