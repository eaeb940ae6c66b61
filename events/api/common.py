"""Behaviour every API resource shares: visibility, paging, caching and safe writes.

Speakers' viewsets reuse these too (speakers may import events).
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers, status
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from events.content_language import LANGUAGE_PARAMETER
from events.services import delete_from_programme
from events.version import mark_current, not_modified, programme_etag, programme_version
from events.visibility import visibility_tier

# Query parameters every resource accepts besides its filters, paging and
# ordering: one place to extend (a language parameter, for instance).
# The answer's format, and the language of its content (events.content_language).
COMMON_QUERY_PARAMETERS: tuple[str, ...] = ("format", LANGUAGE_PARAMETER)


class KnownParametersMixin:
    """Refuse a query parameter the resource does not know, listing those it does.

    A typo (``?start_after=``) would otherwise be ignored and answer everything.
    Each resource's accepted names come from its filters (``filterset_class``, or
    ``query_filterset`` where the view applies them itself), its paging and its
    ordering, plus ``COMMON_QUERY_PARAMETERS``.
    """

    query_filterset: type | None = None

    def accepted_query_parameters(self) -> list[str]:
        names = list(COMMON_QUERY_PARAMETERS)
        filterset = getattr(self, "filterset_class", None) or self.query_filterset
        if filterset is not None:
            names.extend(filterset.base_filters)
        paginator = getattr(self, "pagination_class", None)
        for attribute in ("page_query_param", "page_size_query_param"):
            name = getattr(paginator, attribute, None)
            if name:
                names.append(name)
        if getattr(self, "ordering_fields", None):
            names.append("ordering")
        return sorted(set(names))

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        accepted = self.accepted_query_parameters()
        unknown = sorted(set(request.query_params) - set(accepted))
        if unknown:
            raise exceptions.ValidationError(
                {
                    name: [
                        _("Unknown query parameter. Accepted: %(names)s.")
                        % {"names": ", ".join(accepted)}
                    ]
                    for name in unknown
                }
            )
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


class StrictOrderingFilter(OrderingFilter):
    """An ``ordering`` naming a field the resource cannot sort by is a 400."""

    def remove_invalid_fields(self, queryset, fields, view, request) -> list[str]:
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        if len(valid) != len([term for term in fields if term]):
            allowed = sorted(
                name
                for name, _label in self.get_valid_fields(
                    queryset, view, {"request": request}
                )
            )
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        _("Cannot sort by this. Sort by: %(names)s.")
                        % {"names": ", ".join(allowed)}
                    ]
                }
            )
        return valid


class ApiPagination(PageNumberPagination):
    """100 a page; sync clients may ask for up to 500 with ``page_size``."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The object is still in use.")
    default_code = "protected"


class _NotModified(Exception):
    """Carries the 304 out of ``initial()``, before the handler reads any data."""

    def __init__(self, answer: HttpResponseBase) -> None:
        super().__init__()
        self.answer = answer


# drf-spectacular describes an endpoint whose viewset has no docstring with the
# first docstring up its classes: this mixin's. That text is part of the published
# OpenAPI schema, which this refactoring keeps byte-identical, so it stays as it
# was, though it names the per-table timestamps the version replaced; change it
# only with a deliberate change of the schema.
PUBLISHED_DESCRIPTION = (
    "ETag on every successful GET, Last-Modified where tables carry timestamps.\n"
    "\n"
    "``timestamp_sources`` lists (model, field) pairs and ``tombstone_resources``\n"
    "the Deletion resources the answers depend on."
)


class ConditionalGetMixin:
    # ETag and Last-Modified on every successful read, from the programme version.
    # The ETag names the version, who may see drafts, the language, the full URL
    # and the negotiated format; a client that holds the current answer gets its
    # 304 before the queryset is read.
    __doc__ = PUBLISHED_DESCRIPTION

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if request.method not in ("GET", "HEAD"):
            return
        # Read once, after authentication and content negotiation and before the
        # data: an answer is never labelled newer than it is.
        self.version = programme_version()
        self.etag = programme_etag(
            request,
            tier=visibility_tier(request.user),
            variant=request.accepted_media_type or "",
            version=self.version,
        )
        answer = not_modified(request, self.etag, self.version)
        if answer is not None:
            raise _NotModified(answer)

    def handle_exception(self, exc: Exception) -> HttpResponseBase:
        if isinstance(exc, _NotModified):
            return exc.answer
        return super().handle_exception(exc)  # type: ignore[misc]

    def finalize_response(
        self, request: Request, response: HttpResponse, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = super().finalize_response(  # type: ignore[misc]
            request, response, *args, **kwargs
        )
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == status.HTTP_200_OK
            and hasattr(self, "etag")
        ):
            mark_current(response, self.etag, self.version)
        return response


def _drf_errors(error: DjangoValidationError) -> dict[str, list[str]] | list[str]:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


class ModelCleanMixin:
    """Apply the model's own ``clean()``, the rules the admin enforces, to API input."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)  # type: ignore[misc]
        instance = self.unsaved_instance(attrs)
        try:
            instance.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(_drf_errors(error)) from error
        return attrs

    def unsaved_instance(self, attrs: dict[str, Any]) -> models.Model:
        """The object as it would be saved, without touching the one in memory."""
        model = self.Meta.model  # type: ignore[attr-defined]
        current = self.instance  # type: ignore[attr-defined]
        instance = model()
        if current is not None:
            for field in model._meta.concrete_fields:
                setattr(instance, field.attname, getattr(current, field.attname))
            instance._state.adding = False
        for name, value in attrs.items():
            if not isinstance(model._meta.get_field(name), models.ManyToManyField):
                setattr(instance, name, value)
        return instance


class SafeWritesMixin:
    """Write through the services, and turn refusals into 4xx answers, never a 500.

    The serializer validates; the viewset's ``save_service`` (or ``save_object``)
    writes, and deletes go through ``delete_object``, so the API keeps the same
    tombstones and session timestamps as the admin. Validation catches nearly
    everything first; the error handling covers the races (two concurrent writes,
    one refused by a constraint) and deletes of objects that others still point to.
    """

    save_service: Callable[[models.Model], models.Model]

    def save_object(
        self, instance: models.Model, *, previous_session_id: int | None
    ) -> models.Model:
        """Write a validated object; parts of sessions also need the session left."""
        return self.save_service(instance)

    def delete_object(self, instance: models.Model) -> None:
        delete_from_programme([instance])

    def save_validated(self, serializer: serializers.BaseSerializer) -> None:
        """Apply the validated data as ``ModelSerializer`` would, then save it.

        None of these models has many-to-many fields, so setting the attributes
        is all that ``ModelSerializer.create()`` and ``update()`` would do.
        """
        instance = serializer.instance
        previous_session_id = getattr(instance, "session_id", None)
        if instance is None:
            instance = serializer.Meta.model()  # type: ignore[attr-defined]
        for name, value in serializer.validated_data.items():
            setattr(instance, name, value)
        serializer.instance = self.save_object(
            instance, previous_session_id=previous_session_id
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        self.save_checked(serializer)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        self.save_checked(serializer)

    def save_checked(self, serializer: serializers.BaseSerializer) -> None:
        try:
            with transaction.atomic():
                self.save_validated(serializer)
        except IntegrityError as error:
            raise serializers.ValidationError(
                self.integrity_error_detail(serializer, error)
            ) from error

    def integrity_error_detail(
        self, serializer: serializers.BaseSerializer, error: IntegrityError
    ) -> dict[str, list[str]]:
        return {
            "non_field_errors": [
                _("The change conflicts with other data saved meanwhile; try again.")
            ]
        }

    def perform_destroy(self, instance: models.Model) -> None:
        try:
            with transaction.atomic():
                self.delete_object(instance)
        except (ProtectedError, RestrictedError) as error:
            blockers = list(
                error.protected_objects
                if isinstance(error, ProtectedError)
                else error.restricted_objects
            )
            examples = ", ".join(str(blocker) for blocker in blockers[:3])
            raise Conflict(
                _(
                    "%(object)s cannot be deleted: %(count)d other objects still "
                    "refer to it (%(examples)s). Remove or change those first."
                )
                % {"object": instance, "count": len(blockers), "examples": examples}
            ) from error
