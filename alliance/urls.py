"""Root URLconf: the admin, the API, and the public site under a language prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from alliance.health import healthz

admin.site.site_header = _("Alliance conference administration")
admin.site.site_title = _("Alliance administration")
admin.site.index_title = _("Conference secretariat")

# JSON under /api/; a database outage is a 503 (alliance/middleware.py).
handler404 = "alliance.middleware.page_not_found"
handler500 = "alliance.middleware.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("alliance.api")),
    path("feeds/", include("events.feeds_urls")),  # stable, language-free
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("speakers/", include("speakers.urls")),
    path("registration/", include("registration.urls")),
    path("side-events/", include("proposals.urls")),
    path("organisers/", include("organisers.urls")),
    path("", include("events.urls")),
)
