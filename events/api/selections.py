"""``/api/v1/selections/``: an attendee's starred sessions, stored for a calendar.

Anonymous and without cookies: the browser sends JSON, gets the selection's key
and its feed's addresses, and later replaces or deletes it by that key. Not a
form, so no CSRF token; writes are rate-limited per client address.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from events.api.common import KnownParametersMixin
from events.models import Conference, Selection
from events.selections import (
    MAX_SESSIONS,
    create_selection,
    delete_selection,
    selection_by_key,
    update_selection,
)

KEY_PATTERN = r"[A-Za-z0-9_-]{16,64}"


class SelectionWriteSerializer(serializers.Serializer):
    conference = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Conference.objects.published(),
        help_text="Conference slug.",
    )
    sessions = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        max_length=MAX_SESSIONS,
        allow_empty=True,
        help_text="Ids of published sessions of that conference.",
    )


class SelectionReplaceSerializer(SelectionWriteSerializer):
    conference = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Conference.objects.published(),
        required=False,
        help_text="The selection's own conference slug, or omitted: a selection "
        "stays in its conference.",
    )


class SelectionSerializer(serializers.Serializer):
    id = serializers.CharField(
        help_text="The selection's key: keep it, it is shown only to you."
    )
    conference = serializers.CharField(source="selection.conference.slug")
    sessions = serializers.ListField(
        child=serializers.IntegerField(), source="selection.session_ids"
    )
    feed_url = serializers.URLField(help_text="The calendar feed's address.")
    webcal_url = serializers.CharField(
        help_text="The same feed as webcal://, which calendar apps subscribe to."
    )
    created_at = serializers.DateTimeField(source="selection.created_at")
    updated_at = serializers.DateTimeField(source="selection.updated_at")


def _answer(request: Request, selection: Selection, key: str) -> dict[str, Any]:
    path = reverse(
        "feeds:my_ical", kwargs={"conference": selection.conference.slug, "key": key}
    )
    https = request.build_absolute_uri(path)
    data = {
        "id": key,
        "selection": selection,
        "feed_url": https,
        "webcal_url": "webcal://" + https.split("://", 1)[1],
    }
    return SelectionSerializer(data).data


def _client_address(group: str, request: Request) -> str:
    """The address the limit counts by; a request without one shares a bucket."""
    return request.META.get("REMOTE_ADDR") or "unknown"


class TooManyWrites(exceptions.Throttled):
    default_detail = _("Too many changes from your address; try again later.")


def _field_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    return (
        error.message_dict
        if hasattr(error, "error_dict")
        else {"sessions": error.messages}
    )


ERRORS = {
    415: OpenApiResponse(OpenApiTypes.OBJECT, description="The body is not JSON."),
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid input, by field."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="No selection has this id."),
    429: OpenApiResponse(OpenApiTypes.OBJECT, description="Too many writes."),
}
KEY = OpenApiParameter(
    "id",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The selection's id, as its creation answered.",
)


@extend_schema_view(
    create=extend_schema(
        request=SelectionWriteSerializer,
        responses={
            201: SelectionSerializer,
            400: ERRORS[400],
            415: ERRORS[415],
            429: ERRORS[429],
        },
    ),
    retrieve=extend_schema(
        parameters=[KEY],
        responses={200: SelectionSerializer, 400: ERRORS[400], 404: ERRORS[404]},
    ),
    update=extend_schema(
        parameters=[KEY],
        request=SelectionReplaceSerializer,
        responses={200: SelectionSerializer, **ERRORS},
    ),
    destroy=extend_schema(
        parameters=[KEY],
        responses={
            204: None,
            400: ERRORS[400],
            404: ERRORS[404],
            429: ERRORS[429],
        },
    ),
)
class SelectionViewSet(KnownParametersMixin, viewsets.ViewSet):
    """An attendee's starred sessions, kept so a calendar can subscribe to them.

    Anybody may create one, without credentials; the answer's ``id`` is the only
    way to read, replace or delete it, and ``feed_url`` is its iCalendar feed,
    which follows later changes of those sessions (a cancelled one stays, marked
    cancelled). Answers are never cached.
    """

    authentication_classes: list = []
    parser_classes = [JSONParser]
    permission_classes = [permissions.AllowAny]
    lookup_field = "id"
    lookup_value_regex = KEY_PATTERN
    serializer_class = SelectionSerializer

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method not in permissions.SAFE_METHODS and is_ratelimited(
            request,
            group="events.selections",
            key=_client_address,
            rate=settings.RATELIMIT_SELECTIONS,
            method=is_ratelimited.ALL,
            increment=True,
        ):
            raise TooManyWrites(wait=3600)

    def finalize_response(
        self, request: Request, response: HttpResponse, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = super().finalize_response(request, response, *args, **kwargs)
        # Personal to whoever holds the id: never in the shared page cache.
        response["Cache-Control"] = "no-store"
        return response

    def _selection(self, key: str) -> Selection:
        selection = selection_by_key(key)
        if selection is None:
            raise exceptions.NotFound(_("No selection has this id."))
        return selection

    def create(self, request: Request) -> Response:
        writing = SelectionWriteSerializer(data=request.data)
        writing.is_valid(raise_exception=True)
        try:
            selection, key = create_selection(
                writing.validated_data["conference"],
                writing.validated_data["sessions"],
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(_field_errors(error)) from error
        return Response(_answer(request, selection, key), status.HTTP_201_CREATED)

    def retrieve(self, request: Request, id: str) -> Response:
        return Response(_answer(request, self._selection(id), id))

    def update(self, request: Request, id: str) -> Response:
        selection = self._selection(id)
        writing = SelectionReplaceSerializer(data=request.data)
        writing.is_valid(raise_exception=True)
        conference = writing.validated_data.get("conference", selection.conference)
        if conference != selection.conference:
            raise serializers.ValidationError(
                {"conference": [_("A selection stays in its conference.")]}
            )
        try:
            update_selection(selection, writing.validated_data["sessions"])
        except DjangoValidationError as error:
            raise serializers.ValidationError(_field_errors(error)) from error
        return Response(_answer(request, selection, id))

    def destroy(self, request: Request, id: str) -> Response:
        delete_selection(self._selection(id))
        return Response(status=status.HTTP_204_NO_CONTENT)
