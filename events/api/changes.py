"""``/api/v1/changes/``: the published versions of the programme and their changes."""

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from events.api.common import ApiPagination, ConditionalGetMixin, KnownParametersMixin
from events.api.filters import WholeNumberFilter
from events.api.views import READ_ERRORS
from events.models import ProgrammeRelease
from events.visibility import conferences_visible_to


class SessionStateSerializer(serializers.Serializer):
    """A session as the public saw it in a version (times in the conference's zone)."""

    slug = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    room = serializers.CharField()
    sequence = serializers.IntegerField()


class ChangeSerializer(serializers.Serializer):
    change = serializers.ChoiceField(choices=ProgrammeRelease.Change.choices)
    session = serializers.IntegerField(help_text="Session id.")
    before = SessionStateSerializer(allow_null=True)
    after = SessionStateSerializer(allow_null=True)


class ProgrammeReleaseSerializer(serializers.ModelSerializer):
    conference = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    changes = ChangeSerializer(many=True, read_only=True)

    class Meta:
        model = ProgrammeRelease
        fields = ["conference", "number", "note", "published_at", "changes"]


class ProgrammeReleaseFilter(django_filters.FilterSet):
    conference = django_filters.CharFilter(
        field_name="conference__slug", help_text="Conference slug."
    )
    after = WholeNumberFilter(
        field_name="number",
        lookup_expr="gt",
        min_value=0,
        help_text="Only versions after this number (the last one you read).",
    )

    class Meta:
        model = ProgrammeRelease
        fields = []


@extend_schema_view(
    list=extend_schema(
        summary="List programme versions",
        responses={200: ProgrammeReleaseSerializer(many=True), **READ_ERRORS},
    )
)
class ProgrammeReleaseViewSet(
    KnownParametersMixin,
    ConditionalGetMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Published versions of the programme, oldest first, each with its changes.

    A session is ``added``, ``moved`` (time or room), ``changed`` (title, kind or
    anything its calendar event shows) or ``cancelled`` (unpublished or deleted)
    since the version before; ``before`` and ``after`` say how it was and is.
    """

    serializer_class = ProgrammeReleaseSerializer
    filterset_class = ProgrammeReleaseFilter
    pagination_class = ApiPagination

    def get_queryset(self) -> QuerySet[ProgrammeRelease]:
        return (
            ProgrammeRelease.objects.filter(
                conference__in=conferences_visible_to(self.request.user)
            )
            .select_related("conference")
            .order_by("conference__start_date", "conference_id", "number")
        )
