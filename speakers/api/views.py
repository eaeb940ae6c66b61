"""Endpoints for people and their participation in sessions.

The public reads people who take part in a published session, and the
participations of published sessions; staff with view permission read all.
"""

from django.db import models
from django.db.models import QuerySet

from events.api.views import ProgrammeViewSet, documented
from events.visibility import sees_drafts, session_parts_visible_to
from speakers.api.filters import ParticipationFilter, PersonFilter
from speakers.api.serializers import (
    ParticipationSerializer,
    ParticipationWriteSerializer,
    ParticipationWrittenSerializer,
    PersonSerializer,
    PersonWriteSerializer,
)
from speakers.models import Participation, Person
from speakers.selectors import people_with_details
from speakers.services import (
    delete_participations,
    delete_people,
    save_participation,
    save_person,
)


@documented(PersonSerializer, PersonWriteSerializer)
class PersonViewSet(ProgrammeViewSet):
    serializer_class = PersonSerializer
    write_serializer_class = PersonWriteSerializer
    filterset_class = PersonFilter
    ordering_fields = ["family_name", "given_name", "updated_at"]
    save_service = staticmethod(save_person)

    def delete_object(self, instance: models.Model) -> None:
        delete_people([instance])

    def get_queryset(self) -> QuerySet[Person]:
        people = Person.objects.order_by("family_name", "given_name", "id")
        if sees_drafts(self.request.user):
            return people_with_details(people)
        visible = session_parts_visible_to(
            self.request.user, Participation.objects.all()
        )
        return people_with_details(
            people.filter(pk__in=visible.values("person")), visible
        )


@documented(
    ParticipationSerializer,
    ParticipationWriteSerializer,
    ParticipationWrittenSerializer,
)
class ParticipationViewSet(ProgrammeViewSet):
    serializer_class = ParticipationSerializer
    write_serializer_class = ParticipationWriteSerializer
    filterset_class = ParticipationFilter
    ordering_fields = ["order", "role"]

    def save_object(
        self, instance: models.Model, *, previous_session_id: int | None
    ) -> models.Model:
        return save_participation(instance, previous_session_id=previous_session_id)

    def delete_object(self, instance: models.Model) -> None:
        delete_participations([instance])

    def get_queryset(self) -> QuerySet[Participation]:
        participations = Participation.objects.select_related(
            "person__organisation", "session__conference"
        ).order_by("session__start", "session_id", "order", "id")
        return session_parts_visible_to(self.request.user, participations)
