"""Guards and failure answers: a clean 4xx or 503, never an unexplained 500.

A database that does not answer gives a 503 ("try again shortly") instead of a
500, as a JSON body under /api/ and as a page elsewhere; load balancers and API
clients retry a 503. Unknown addresses under /api/ get a JSON 404, and NUL
characters, which PostgreSQL refuses in text, a 400 before they reach a lookup.
Staff login attempts are limited per client address (django-ratelimit).
"""

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import TemplateDoesNotExist, loader
from django.utils.translation import gettext as _
from django.views import defaults
from django_ratelimit.core import is_ratelimited

from events import site_url

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


class RejectNulMiddleware:
    """Refuse NUL characters in the address, and in the query string of pages.

    PostgreSQL refuses NUL in text, so a lookup by slug, token or search words
    with one would fail in the database. Form fields and API fields and filters
    refuse NUL themselves, naming the field; this covers what they do not see.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            return self._refuse(request)
        if not _is_api(request) and any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest) -> HttpResponse:
        message = _("Text cannot contain NUL (0x00) characters.")
        if _is_api(request):
            return JsonResponse({"detail": message}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain")


class StaffLoginRateLimitMiddleware:
    """At most RATELIMIT_STAFF_LOGIN login attempts per client address.

    django-axes locks one username after repeated failures; this stops one
    address from trying many usernames.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        match = request.resolver_match
        if (
            request.method == "POST"
            and match is not None
            and match.view_name == "admin:login"
            and is_ratelimited(
                request,
                group="alliance.staff_login",
                key="ip",
                rate=settings.RATELIMIT_STAFF_LOGIN,
                method="POST",
                increment=True,
            )
        ):
            response = render(request, "429.html", status=429)
            response["Retry-After"] = "3600"
            return response
        return None


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 answer: JSON for API clients, a page for people."""
    if _is_api(request):
        response: HttpResponse = JsonResponse(
            {
                "detail": _(
                    "The service is temporarily unavailable. Please try again in "
                    "a few minutes."
                )
            },
            status=503,
        )
    else:
        response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn "the database does not answer" in a view into a clean 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        # A DataError or IntegrityError is a bug, not an outage: those stay 500s.
        logger.error("Database unavailable: %s", type(exception).__name__)
        return service_unavailable(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database outage noticed outside a view is still a 503."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        return service_unavailable(request)
    if _is_api(request):
        return JsonResponse({"detail": _("Server error.")}, status=500)
    try:
        template = loader.get_template("500.html")
    except TemplateDoesNotExist:
        return defaults.server_error(request)
    # Rendered without a request, as Django's own handler does (no context
    # processor may fail now), but with the secretariat's address.
    return HttpResponseServerError(
        template.render({"secretariat_email": settings.SECRETARIAT_EMAIL})
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: API clients get JSON for addresses that match no endpoint."""
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


class SiteOriginMiddleware:
    """Absolute links made during the request follow its host and port.

    Only where ``SITE_URL`` is unset does it matter (``events.site_url``): e-mails,
    invitation links and calendar files then point where the visitor came in,
    ``make run PORT=8010`` included.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with site_url.serving(request):
            return self.get_response(request)
