"""The staff API of proposals: read under the admin's view permissions; decide."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from events.api.common import ApiPagination
from proposals.api.serializers import (
    DecisionSerializer,
    DecisionWriteSerializer,
    ProposalSerializer,
    ReviewSerializer,
)
from proposals.models import Decision, Proposal, Review
from proposals.placement import decide

ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid input, by field."),
    401: OpenApiResponse(OpenApiTypes.OBJECT, description="Not authenticated."),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description="No permission."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not found."),
}


class AsTheAdmin(permissions.DjangoModelPermissions):
    """The admin's model permissions, reads included: no anonymous access."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }


def _read(serializer: type[serializers.Serializer]):
    return extend_schema_view(
        list=extend_schema(responses={200: serializer(many=True), **ERRORS}),
        retrieve=extend_schema(responses={200: serializer, **ERRORS}),
    )


class StaffViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AsTheAdmin]
    pagination_class = ApiPagination
    filter_backends = []


@_read(ProposalSerializer)
class ProposalViewSet(StaffViewSet):
    """Side-event proposals past the draft stage, for reviewers and editors."""

    serializer_class = ProposalSerializer
    queryset = (
        Proposal.objects.exclude(status=Proposal.Status.DRAFT)
        .select_related("call__conference")
        .order_by("pk")
    )


@_read(ReviewSerializer)
class ReviewViewSet(StaffViewSet):
    """Reviews: editors see all, a reviewer only their own (as in the admin)."""

    serializer_class = ReviewSerializer
    queryset = Review.objects.select_related("reviewer").order_by("pk")

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.user.has_perm("proposals.change_proposal"):
            return queryset
        return queryset.filter(reviewer=self.request.user)


@_read(DecisionSerializer)
@extend_schema_view(
    create=extend_schema(
        request=DecisionWriteSerializer, responses={201: DecisionSerializer, **ERRORS}
    )
)
class DecisionViewSet(mixins.CreateModelMixin, StaffViewSet):
    """Decisions on proposals; a new one accepts, declines or holds a proposal."""

    serializer_class = DecisionSerializer
    queryset = Decision.objects.select_related("decided_by").order_by("pk")

    def create(self, request: Request, *args, **kwargs) -> Response:
        write = DecisionWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        data = write.validated_data
        try:
            decision = decide(
                proposal=data["proposal"],
                outcome=data["outcome"],
                by=request.user,
                note=data.get("note", ""),
                slot=data.get("slot"),
                room=data.get("room"),
            )
        except DjangoValidationError as error:
            detail = (
                error.message_dict
                if hasattr(error, "error_dict")
                else {"non_field_errors": error.messages}
            )
            raise serializers.ValidationError(detail) from error
        return Response(
            DecisionSerializer(decision).data, status=status.HTTP_201_CREATED
        )
