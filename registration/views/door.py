"""The door on a staff phone: scans sent as JSON, the PWA manifest and worker.

The phone queues scans while the network is down (IndexedDB) and replays them;
each carries the id the phone gave it, so a replay is answered, not stored twice.
"""

import json
import uuid

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events.models import Conference
from registration import selectors
from registration.services.checkin import CheckInResult, check_in


def _error(field: str, message: str) -> JsonResponse:
    return JsonResponse({"errors": {field: [message]}}, status=400)


@require_POST
@staff_member_required
@permission_required("registration.check_in", raise_exception=True)
def checkin_scan(request: HttpRequest, conference: str) -> JsonResponse:
    """One scan: ``{"code", "session", "scan_id"}`` in, the door's answer out."""
    conference_obj = get_object_or_404(Conference, slug=conference)
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return _error("body", _("The request is not valid JSON."))
    if not isinstance(body, dict):
        return _error("body", _("The request is not valid JSON."))
    code = body.get("code")
    if not isinstance(code, str) or not code.strip() or len(code) > 64:
        return _error("code", _("Enter the check-in code."))
    session = None
    if body.get("session") not in (None, ""):
        sessions = {str(s.pk): s for s in selectors.checkin_sessions(conference_obj)}
        session = sessions.get(str(body["session"]))
        if session is None:
            return _error("session", _("No such side event at this door."))
    scan_id = None
    if body.get("scan_id") not in (None, ""):
        try:
            scan_id = uuid.UUID(str(body["scan_id"]))
        except ValueError:
            return _error("scan_id", _("The scan id is not valid."))
    result = check_in(
        conference=conference_obj,
        code=code,
        session=session,
        by=request.user.get_username(),
        scan_id=scan_id,
    )
    return JsonResponse(_result_json(result, session))


def _result_json(result: CheckInResult, session: object) -> dict:
    registration = result.registration
    return {
        "ok": result.ok,
        "repeated": result.repeated,
        "message": result.message,
        "name": registration.full_name if registration else "",
        "organisation": registration.organisation if registration else "",
        "delegation": registration.delegation if registration else "",
        "session": str(session) if session else "",
        "first_at": (
            date_format(registration.conference.local(result.first_at), "H:i")
            if registration and result.first_at
            else ""
        ),
    }


@require_GET
@staff_member_required
def checkin_manifest(request: HttpRequest, conference: str) -> JsonResponse:
    """The web app manifest: the check-in page installs on the staff phone."""
    conference_obj = get_object_or_404(Conference, slug=conference)
    start = reverse("registration:checkin", kwargs={"conference": conference})
    return JsonResponse(
        {
            "name": _("Check-in – %(conference)s") % {"conference": conference_obj},
            "short_name": _("Check-in"),
            "start_url": start,
            "scope": start,
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#004b87",
            "icons": [
                {
                    "src": static("registration/checkin-icon.svg"),
                    "sizes": "any",
                    "type": "image/svg+xml",
                    "purpose": "any maskable",
                }
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
@staff_member_required
def checkin_worker(request: HttpRequest, conference: str) -> HttpResponse:
    """The service worker, served under the check-in page so that is its scope."""
    get_object_or_404(Conference, slug=conference)
    response = HttpResponse(
        render_to_string("registration/checkin_worker.js", request=request),
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response
