"""Rules every writing path (admin, API, fixtures) checks before saving.

Pure functions of the instance being checked, beside the models that call them
from ``clean()``. This module imports no model of the programme: where a rule
needs the database it queries through the instance's own class and relations, so
the models can import it at module level.
"""

import zoneinfo
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.languages import LanguageCode

if TYPE_CHECKING:  # for the annotations only: the models import this module
    from events.models import Session, SessionOrganiser


def validate_time_zone(value: str) -> None:
    """Refuse a zone name that ``zoneinfo`` cannot turn into local times."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            gettext_lazy("%(value)s is not a known time zone."),
            params={"value": value},
        )


def validate_language_list(value: object) -> None:
    """Refuse anything but a list of the language codes the programme offers."""
    known = set(LanguageCode.values)
    if not isinstance(value, list) or any(code not in known for code in value):
        raise ValidationError(
            gettext_lazy("Give a list of language codes from: %(codes)s."),
            params={"codes": ", ".join(sorted(known))},
        )


def room_conflicts(session: "Session") -> "QuerySet[Session]":
    """Sessions that would share the session's room at the same time.

    Intervals are half-open, so a session may start the minute another ends.
    """
    sessions = type(session)._default_manager
    if not (session.room_id and session.start and session.end):
        return sessions.none()
    return (
        sessions.filter(
            room_id=session.room_id, start__lt=session.end, end__gt=session.start
        )
        .exclude(pk=session.pk)
        .select_related("conference")
        .order_by("start")
    )


def describe_session(session: "Session") -> str:
    """Name a session with its day and local times, as an editor finds it."""
    start = session.conference.local(session.start)
    end = session.conference.local(session.end)
    return _("“%(title)s” (%(day)s, %(start)s–%(end)s)") % {
        "title": session.title,
        "day": date_format(start, "j F Y"),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
    }


def session_integrity_errors(session: "Session") -> dict[str, list[str]]:
    """Return what is wrong with a session's time and room, by field name."""
    errors: dict[str, list[str]] = {}
    if not (session.start and session.end):
        return errors
    if session.end <= session.start:
        errors.setdefault("end", []).append(_("A session must end after it starts."))
        return errors
    if session.conference_id:
        conference = session.conference
        first_day = conference.local(session.start).date()
        last_day = conference.local(session.end).date()
        if first_day < conference.start_date or last_day > conference.end_date:
            errors.setdefault("start", []).append(
                _(
                    "The session must lie within the conference's dates "
                    "(%(start)s to %(end)s)."
                )
                % {
                    "start": date_format(conference.start_date, "j F Y"),
                    "end": date_format(conference.end_date, "j F Y"),
                }
            )
    conflict = room_conflicts(session).first()
    if conflict is not None:
        errors.setdefault("room", []).append(
            _("%(room)s is already taken at this time by %(session)s.")
            % {"room": session.room, "session": describe_session(conflict)}
        )
    return errors


def session_organiser_errors(organiser: "SessionOrganiser") -> dict[str, list[str]]:
    """Return why an organisation cannot be added to a session, by field name."""
    if not (organiser.session_id and organiser.organisation_id):
        return {}
    taken = (
        type(organiser)
        ._default_manager.filter(
            session_id=organiser.session_id,
            organisation_id=organiser.organisation_id,
        )
        .exclude(pk=organiser.pk)
        .exists()
    )
    if taken:
        return {"organisation": [_("This organisation already organises the session.")]}
    return {}
