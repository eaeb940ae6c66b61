"""The API router: every app registers its viewsets here, under /api/v1/."""

from django.conf import settings
from django.urls import include, path
from django.views.decorators.csp import csp_override
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)
from rest_framework.routers import DefaultRouter

from events.api.changes import ProgrammeReleaseViewSet
from events.api.selections import SelectionViewSet
from events.api.views import (
    AgendaItemViewSet,
    ConferenceViewSet,
    DeletionViewSet,
    OrganisationViewSet,
    RoomViewSet,
    SessionOrganiserViewSet,
    SessionSectionViewSet,
    SessionViewSet,
)
from proposals.api.views import DecisionViewSet, ProposalViewSet, ReviewViewSet
from speakers.api.views import ParticipationViewSet, PersonViewSet

router = DefaultRouter()
router.register("conferences", ConferenceViewSet, basename="conference")
router.register("sessions", SessionViewSet, basename="session")
router.register("rooms", RoomViewSet, basename="room")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
router.register("participations", ParticipationViewSet, basename="participation")
router.register("agenda-items", AgendaItemViewSet, basename="agendaitem")
router.register(
    "session-organisers", SessionOrganiserViewSet, basename="sessionorganiser"
)
router.register("session-sections", SessionSectionViewSet, basename="sessionsection")
router.register("deletions", DeletionViewSet, basename="deletion")
# Staff only: side-event proposals, their reviews and decisions.
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("reviews", ReviewViewSet, basename="review")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("changes", ProgrammeReleaseViewSet, basename="change")
# Anonymous: an attendee's starred sessions, for their own calendar feed.
router.register("selections", SelectionViewSet, basename="selection")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The documentation pages start Swagger UI and Redoc with inline code.
    path(
        "docs/",
        csp_override(settings.API_DOCS_CSP)(
            SpectacularSwaggerView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    path(
        "redoc/",
        csp_override(settings.API_DOCS_CSP)(
            SpectacularRedocView.as_view(url_name="api-schema")
        ),
        name="api-redoc",
    ),
]
