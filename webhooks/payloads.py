"""What a delivery says: the ``data`` of each event type.

A session is sent as the public API serialises it (the same fields, the same
links), built when the delivery is first attempted, after the change committed;
drafts are never sent. A deleted session is known by id and slug only.
"""

from typing import Any

from django.utils import translation

from events.api.serializers import SessionSerializer
from events.models import ProgrammeRelease, Session
from events.selectors import with_programme_details
from events.site_url import absolute_url


class _SiteRequest:
    """What the API serialisers ask of a request: absolute links, on SITE_URL."""

    def build_absolute_uri(self, path: str) -> str:
        return absolute_url(path)


def session_data(session_id: int) -> dict[str, Any] | None:
    """The session as ``/api/v1/sessions/<id>/`` shows it to the public, or None
    when it is gone or is a draft."""
    sessions = with_programme_details(Session.objects.published().filter(pk=session_id))
    session = sessions.first()
    if session is None:
        return None
    with translation.override("en"):
        return dict(
            SessionSerializer(session, context={"request": _SiteRequest()}).data
        )


def deleted_session_data(session: Session) -> dict[str, Any]:
    return {
        "id": session.pk,
        "slug": session.slug,
        "conference": session.conference.slug,
    }


def release_data(release: ProgrammeRelease) -> dict[str, Any]:
    """A published programme version as ``/api/v1/changes/`` lists it."""
    return {
        "conference": release.conference.slug,
        "number": release.number,
        "note": release.note,
        "published_at": release.published_at.isoformat(),
        "changes": release.changes,
    }


def registration_data(registration: Any) -> dict[str, Any]:
    """A registration for the staff's own systems: who, for which conference, status."""
    return {
        "id": registration.pk,
        "conference": registration.conference.slug,
        "status": registration.status,
        "given_name": registration.given_name,
        "family_name": registration.family_name,
        "email": registration.email,
        "delegation": registration.delegation,
        "attendance": registration.attendance,
        "language": registration.language,
        "created_at": registration.created_at.isoformat(),
        "updated_at": registration.updated_at.isoformat(),
    }


def message(event_type: str, at: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The Standard Webhooks body: ``type``, ``timestamp`` (of the change), ``data``."""
    return {"type": event_type, "timestamp": at.isoformat(), "data": data}
