"""The audit trail: every write request is one django-reversion revision.

reversion's middleware runs the whole request in one transaction, so a view that
takes a lock would hold it until the response is built and the revision stored.
Views marked with ``keeps_own_revision`` write their revision themselves instead,
after their transaction has released its locks.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from reversion.middleware import RevisionMiddleware

View = Callable[..., HttpResponse]


def keeps_own_revision(view: View) -> View:
    """Leave this view out of the request-wide revision; its services write one."""
    view.keeps_own_revision = True
    return view


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
