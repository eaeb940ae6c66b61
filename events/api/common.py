"""Behaviour every API resource shares: visibility, paging, caching and safe writes.

Speakers' viewsets reuse these too (speakers may import events).
"""

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max, ProtectedError, RestrictedError, Value
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from events.models import Deletion
from events.services import delete_from_programme


def can_preview(user: User | AnonymousUser, model: type[models.Model]) -> bool:
    """Staff who may view a model in the admin read its drafts through the API too."""
    opts = model._meta
    return bool(
        user.is_authenticated
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )


class ApiPagination(PageNumberPagination):
    """100 a page; sync clients may ask for up to 500 with ``page_size``."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("The object is still in use.")
    default_code = "protected"


def last_modified_of(
    timestamps: Iterable[tuple[type[models.Model], str]], resources: Iterable[str]
) -> datetime | None:
    """The latest change among whole tables and their tombstones.

    Conservative on purpose: any change to a table the answer depends on, or any
    deletion, makes every answer built from it newer, so a 304 is never stale.
    """
    parts = [_latest(model.objects.all(), field) for model, field in timestamps]
    resources = list(resources)
    if resources:
        parts.append(
            _latest(Deletion.objects.filter(resource__in=resources), "deleted_at")
        )
    if not parts:
        return None
    latest = parts[0].union(*parts[1:], all=True).order_by()
    moments = [row[0] for row in latest]
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


def _latest(queryset: models.QuerySet, field: str) -> models.QuerySet:
    """One row: the latest moment of a table (NULL when it is empty)."""
    return (
        queryset.order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(latest=Max(field))
        .values_list("latest")
    )


def conditional_response(
    request: HttpRequest,
    response: HttpResponse,
    *,
    last_modified: datetime | None = None,
) -> HttpResponse:
    """Give a rendered answer an ETag (and Last-Modified), or answer 304.

    The ETag is a digest of the bytes sent, so it changes exactly when the content
    does, whoever asks and in whatever format.
    """
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
    response.headers["ETag"] = etag
    timestamp = int(last_modified.timestamp()) if last_modified else None
    if timestamp is not None:
        response.headers["Last-Modified"] = http_date(timestamp)
    # Drafts show to staff signed in by cookie. Answers to requests carrying an
    # Authorization header are never stored by shared caches (RFC 9111, 3.5).
    patch_vary_headers(response, ["Cookie"])
    return get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )


class ConditionalGetMixin:
    """ETag on every successful GET, Last-Modified where tables carry timestamps.

    ``timestamp_sources`` lists (model, field) pairs and ``tombstone_resources``
    the Deletion resources the answers depend on.
    """

    timestamp_sources: tuple[tuple[type[models.Model], str], ...] = ()
    tombstone_resources: tuple[str, ...] = ()

    def finalize_response(
        self, request: Request, response: HttpResponse, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = super().finalize_response(  # type: ignore[misc]
            request, response, *args, **kwargs
        )
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != status.HTTP_200_OK
            or not isinstance(response, Response)
        ):
            return response
        response.render()
        last_modified = (
            last_modified_of(self.timestamp_sources, self.tombstone_resources)
            if self.timestamp_sources
            else None
        )
        return conditional_response(request, response, last_modified=last_modified)


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
