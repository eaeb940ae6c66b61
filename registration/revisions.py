"""The mark of views that write their own audit revision.

The project's audit middleware (alliance/audit.py) wraps every write request in
one django-reversion revision, and so in one transaction: a view that takes the
conference lock would hold it until the whole response is built. A marked view is
left out; its services write the revision after their transaction ends. The
middleware reads only the attribute, so registration needs nothing from above.
"""

from collections.abc import Callable

from django.http import HttpResponse

View = Callable[..., HttpResponse]


def keeps_own_revision(view: View) -> View:
    """Leave this view out of the request-wide revision; its services write one."""
    view.keeps_own_revision = True
    return view
