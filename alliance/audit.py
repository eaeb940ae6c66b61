"""The audit trail: every write request is one django-reversion revision.

reversion's middleware runs the whole request in one transaction, so a view that
takes a lock would hold it until the response is built and the revision stored.
A view whose ``keeps_own_revision`` attribute is true writes its revision itself
instead, after its transaction has released its locks. The attribute is set by
``registration.revisions.keeps_own_revision``; the middleware reads only the
attribute, so an app below ``alliance`` can mark its views without importing it.
"""

from django.http import HttpRequest
from django.urls import Resolver404, resolve
from reversion.middleware import RevisionMiddleware


class AuditRevisionMiddleware(RevisionMiddleware):
    """reversion's middleware, except for views that keep their own revision."""

    def request_creates_revision(self, request: HttpRequest) -> bool:
        if not super().request_creates_revision(request):
            return False
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return True
        return not getattr(match.func, "keeps_own_revision", False)
