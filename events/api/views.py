"""Endpoints of the programme. Anybody reads what is published; programme editors
write, under the same rules as the admin (model permissions, model ``clean()``).
"""

from django.db import IntegrityError, models
from django.db.models import F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Greatest
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets

from events.api.common import (
    ApiPagination,
    ConditionalGetMixin,
    KnownParametersMixin,
    SafeWritesMixin,
)
from events.api.filters import (
    AgendaItemFilter,
    ConferenceFilter,
    DeletionFilter,
    OrganisationFilter,
    RoomFilter,
    SessionFilter,
    SessionOrganiserFilter,
    SessionSectionFilter,
)
from events.api.part_serializers import (
    AgendaItemResourceSerializer,
    SessionOrganiserResourceSerializer,
    SessionSectionResourceSerializer,
)
from events.api.serializers import (
    ConferenceSerializer,
    ConferenceWriteSerializer,
    DeletionSerializer,
    OrganisationResourceSerializer,
    RoomResourceSerializer,
    SessionSerializer,
    SessionWriteSerializer,
)
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
from events.selectors import conference_documents, with_api_details
from events.services import (
    save_conference,
    save_organisation,
    save_room,
    save_session,
    save_session_part,
)
from events.validators import session_integrity_errors, session_organiser_errors
from events.visibility import (
    conferences_visible_to,
    sees_drafts,
    session_parts_visible_to,
    sessions_visible_to,
)

ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid input, by field."),
    401: OpenApiResponse(OpenApiTypes.OBJECT, description="Not authenticated."),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description="No permission."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not found."),
}
READ_ERRORS = {400: ERRORS[400], 404: ERRORS[404]}
CONFLICT = {
    409: OpenApiResponse(
        OpenApiTypes.OBJECT, description="Still referred to by other objects."
    )
}


def documented(read: type[serializers.Serializer], write=None, written=None):
    """Describe every action with its request, answer and error answers.

    ``written``: the answer to a write, where it says more than a read.
    """
    write = write or read
    written = written or read
    return extend_schema_view(
        list=extend_schema(responses={200: read(many=True), **READ_ERRORS}),
        retrieve=extend_schema(responses={200: read, **READ_ERRORS}),
        create=extend_schema(request=write, responses={201: written, **ERRORS}),
        update=extend_schema(request=write, responses={200: written, **ERRORS}),
        partial_update=extend_schema(request=write, responses={200: written, **ERRORS}),
        destroy=extend_schema(responses={204: None, **ERRORS, **CONFLICT}),
    )


class ProgrammeViewSet(
    KnownParametersMixin, ConditionalGetMixin, SafeWritesMixin, viewsets.ModelViewSet
):
    pagination_class = ApiPagination
    write_serializer_class: type[serializers.Serializer] | None = None

    def get_serializer_class(self) -> type[serializers.Serializer]:
        if self.write_serializer_class and self.action in (
            "create",
            "update",
            "partial_update",
        ):
            return self.write_serializer_class
        return super().get_serializer_class()


@documented(ConferenceSerializer, ConferenceWriteSerializer)
class ConferenceViewSet(ProgrammeViewSet):
    serializer_class = ConferenceSerializer
    write_serializer_class = ConferenceWriteSerializer
    filterset_class = ConferenceFilter
    lookup_field = "slug"
    ordering_fields = ["start_date", "title", "updated_at"]
    save_service = staticmethod(save_conference)

    def get_queryset(self) -> QuerySet[Conference]:
        conferences = conferences_visible_to(self.request.user).prefetch_related(
            Prefetch(
                "documents",
                queryset=conference_documents(),
                to_attr="conference_documents",
            )
        )
        return conferences.order_by("-start_date", "id")


@documented(SessionSerializer, SessionWriteSerializer)
class SessionViewSet(ProgrammeViewSet):
    serializer_class = SessionSerializer
    write_serializer_class = SessionWriteSerializer
    filterset_class = SessionFilter
    ordering_fields = ["start", "end", "title", "updated_at"]
    save_service = staticmethod(save_session)

    def get_queryset(self) -> QuerySet[Session]:
        sessions = sessions_visible_to(self.request.user)
        return with_api_details(sessions).order_by(
            "start", "room__order", "title", "id"
        )

    def integrity_error_detail(
        self, serializer: serializers.BaseSerializer, error: IntegrityError
    ) -> dict[str, list[str]]:
        """Name the session that took the room first, as validation would have."""
        session = serializer.unsaved_instance(serializer.validated_data)
        return session_integrity_errors(session) or super().integrity_error_detail(
            serializer, error
        )


@documented(RoomResourceSerializer)
class RoomViewSet(ProgrammeViewSet):
    serializer_class = RoomResourceSerializer
    filterset_class = RoomFilter
    ordering_fields = ["name", "order", "capacity", "updated_at"]
    queryset = Room.objects.select_related("venue").order_by(
        "venue__name", "order", "name", "id"
    )
    save_service = staticmethod(save_room)


@documented(OrganisationResourceSerializer)
class OrganisationViewSet(ProgrammeViewSet):
    serializer_class = OrganisationResourceSerializer
    filterset_class = OrganisationFilter
    ordering_fields = ["name", "short_name", "updated_at"]
    queryset = Organisation.objects.order_by("name", "id")
    save_service = staticmethod(save_organisation)


# Parts of sessions (agenda items, organisers, concept-note sections) are visible as
# their session is, and change when it does: a save of a part touches its session,
# and the one it left (events.services). No docstring: the schema shows the
# endpoints' own descriptions.
class SessionPartViewSet(ProgrammeViewSet):
    part_model: type[models.Model]

    def save_object(
        self, instance: models.Model, *, previous_session_id: int | None
    ) -> models.Model:
        return save_session_part(instance, previous_session_id=previous_session_id)

    def get_queryset(self) -> QuerySet:
        parts = self.part_model.objects.select_related("session__conference")
        parts = session_parts_visible_to(self.request.user, parts)
        return parts.order_by("session__start", "session_id", "order", "id")


@documented(AgendaItemResourceSerializer)
class AgendaItemViewSet(SessionPartViewSet):
    part_model = AgendaItem
    serializer_class = AgendaItemResourceSerializer
    filterset_class = AgendaItemFilter
    ordering_fields = ["start", "order"]


@documented(SessionOrganiserResourceSerializer)
class SessionOrganiserViewSet(SessionPartViewSet):
    part_model = SessionOrganiser
    serializer_class = SessionOrganiserResourceSerializer
    filterset_class = SessionOrganiserFilter
    ordering_fields = ["order", "role"]

    def integrity_error_detail(
        self, serializer: serializers.BaseSerializer, error: IntegrityError
    ) -> dict[str, list[str]]:
        """Name the organisation saved meanwhile, as validation would have."""
        organiser = serializer.unsaved_instance(serializer.validated_data)
        return session_organiser_errors(organiser) or super().integrity_error_detail(
            serializer, error
        )


@documented(SessionSectionResourceSerializer)
class SessionSectionViewSet(SessionPartViewSet):
    part_model = SessionSection
    serializer_class = SessionSectionResourceSerializer
    filterset_class = SessionSectionFilter
    ordering_fields = ["order", "title"]


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "since",
                OpenApiTypes.DATETIME,
                description="Gone at or after this moment (ISO 8601).",
            ),
            OpenApiParameter(
                "resource",
                OpenApiTypes.STR,
                enum=Deletion.Resource.values,
                description="Only this kind of object.",
            ),
        ],
        responses={200: DeletionSerializer(many=True), **READ_ERRORS},
    )
)
class DeletionViewSet(
    KnownParametersMixin,
    ConditionalGetMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Objects gone since a moment: deleted, or (for the public) unpublished.

    A client syncing with ``updated_since`` drops these ids; when a session goes,
    its agenda items and participations go with it.
    """

    serializer_class = DeletionSerializer
    pagination_class = ApiPagination
    filter_backends = []
    query_filterset = DeletionFilter
    queryset = Deletion.objects.all()

    def get_queryset(self):
        filters = DeletionFilter(self.request.query_params, queryset=Deletion.objects)
        if not filters.is_valid():
            raise serializers.ValidationError(filters.errors)
        columns = ("resource", "object_id", "deleted_at")
        if sees_drafts(self.request.user):
            return filters.qs.values(*columns).order_by("deleted_at", "object_id")
        since = filters.form.cleaned_data.get("since")
        resource = filters.form.cleaned_data.get("resource")
        hidden = []
        if resource in ("", None, Deletion.Resource.SESSION):
            sessions = Session.objects.exclude(
                Q(is_published=True) & Q(conference__status=Conference.Status.PUBLISHED)
            )
            if since:
                sessions = sessions.filter(
                    Q(updated_at__gte=since) | Q(conference__updated_at__gte=since)
                )
            hidden.append(
                sessions.annotate(
                    gone_resource=Value(Deletion.Resource.SESSION.value),
                    gone_id=F("pk"),
                    gone_at=Greatest("updated_at", "conference__updated_at"),
                )
                # modeltranslation's values_list reorders columns; a union needs them.
                .rewrite(False)
                .values_list("gone_resource", "gone_id", "gone_at")
                .order_by()
            )
        if resource in ("", None, Deletion.Resource.CONFERENCE):
            conferences = Conference.objects.exclude(status=Conference.Status.PUBLISHED)
            if since:
                conferences = conferences.filter(updated_at__gte=since)
            hidden.append(
                conferences.annotate(
                    gone_resource=Value(Deletion.Resource.CONFERENCE.value),
                    gone_id=F("pk"),
                    gone_at=F("updated_at"),
                )
                # modeltranslation's values_list reorders columns; a union needs them.
                .rewrite(False)
                .values_list("gone_resource", "gone_id", "gone_at")
                .order_by()
            )
        rows = filters.qs.values_list(*columns).order_by().union(*hidden, all=True)
        return rows.order_by("deleted_at", "object_id")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return [self._row(row) for row in page] if page is not None else None

    @staticmethod
    def _row(row) -> dict:
        if isinstance(row, dict):
            return row
        resource, object_id, deleted_at = row
        return {"resource": resource, "object_id": object_id, "deleted_at": deleted_at}
