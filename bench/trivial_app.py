"""The trivial Django floor of `make bench`: a whole Django site in one file.

The fixed 50 KB page of bench/floor.py behind only Django's common middleware
(SecurityMiddleware, CommonMiddleware), no database, no templates, no apps. The
bench runs it under the same gunicorn settings as the site (deploy/gunicorn.conf.py,
``bench.trivial_app:application``), so that it measures what Django and gunicorn
themselves cost on this machine; every figure of bench/RESULTS.md is also given as a
share of it. /bench/floor/ of bench/urls.py is the same page through our own
middleware stack: the difference between the two is what that stack costs.
"""

import secrets

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=["127.0.0.1", "localhost", "testserver"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.middleware.common.CommonMiddleware",
        ],
        INSTALLED_APPS=[],
        DATABASES={},
        USE_I18N=False,
        USE_TZ=True,
    )

from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

from bench.floor import FLOOR_PAGE


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR_PAGE, content_type="text/html; charset=utf-8")


def healthz(request: HttpRequest) -> HttpResponse:
    """What bench/run.py polls to know that gunicorn is up."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), path("healthz", healthz)]

application = get_wsgi_application()
