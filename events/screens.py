"""Screens at the doors: what runs now and next, per room and for the foyer.

Full-screen pages for the displays the venue puts beside each room, in big type,
English and Russian together. The page lists the sessions with their times and
marks nothing, so it is the same all day long (and cached); the browser marks
now / next from the sessions' times (``events/static/events/screen.js``) and
reloads the programme every minute in the background, keeping the last one it had
when the network drops.
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from events.models import Conference, Room, Session
from events.selectors import rooms_of
from events.views import _conference, public
from events.visibility import sessions_visible_to


@dataclass
class ScreenRoom:
    room: Room | None
    sessions: list[Session]


def _sessions(request: HttpRequest, conference: Conference) -> list[Session]:
    return list(
        sessions_visible_to(request.user)
        .filter(conference=conference)
        .select_related("room")
        .order_by("start", "room__order", "room__name")
    )


def _render(
    request: HttpRequest,
    conference: Conference,
    rooms: list[ScreenRoom],
    room: Room | None,
) -> HttpResponse:
    return render(
        request,
        "events/screen.html",
        {
            "conference": conference,
            "rooms": rooms,
            "room": room,
            # The second language on the screen: Russian, or English on /ru/.
            "other_language": "en" if get_language() == "ru" else "ru",
        },
    )


@public
def room_screen(request: HttpRequest, conference: str, room: str) -> HttpResponse:
    conference_obj = _conference(request, conference)
    visible = sessions_visible_to(request.user).filter(conference=conference_obj)
    room_obj = get_object_or_404(rooms_of(conference_obj, visible), slug=room)
    sessions = [
        s for s in _sessions(request, conference_obj) if s.room_id == room_obj.pk
    ]
    return _render(request, conference_obj, [ScreenRoom(room_obj, sessions)], room_obj)


@public
def foyer_screen(request: HttpRequest, conference: str) -> HttpResponse:
    conference_obj = _conference(request, conference)
    by_room: dict[int | None, ScreenRoom] = {}
    for session in _sessions(request, conference_obj):
        by_room.setdefault(
            session.room_id, ScreenRoom(session.room, [])
        ).sessions.append(session)
    rooms = sorted(
        by_room.values(),
        key=lambda s: (
            s.room is None,
            s.room.order if s.room else 0,
            str(s.room or ""),
        ),
    )
    return _render(request, conference_obj, rooms, None)
