import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from events.validators import room_conflicts, session_integrity_errors
from tests.factories import VIENNA, RoomFactory, SessionFactory

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, minute, tzinfo=VIENNA)


def test_overlap_in_one_room_names_the_other_session():
    first = SessionFactory(
        title="Launch of the Study", start=at(20, 16, 45), end=at(20, 17, 45)
    )
    second = SessionFactory.build(
        conference=first.conference, room=first.room, start=at(20, 17), end=at(20, 18)
    )

    errors = session_integrity_errors(second)

    assert list(errors) == ["room"]
    assert "Launch of the Study" in errors["room"][0]
    assert "16:45–17:45" in errors["room"][0]


def test_back_to_back_sessions_in_one_room_are_allowed():
    first = SessionFactory(start=at(20, 16, 45), end=at(20, 17, 45))
    second = SessionFactory.build(
        conference=first.conference,
        room=first.room,
        start=at(20, 17, 45),
        end=at(20, 18, 45),
    )

    assert session_integrity_errors(second) == {}


def test_parallel_sessions_in_different_rooms_are_allowed():
    first = SessionFactory(start=at(20, 16, 45), end=at(20, 17, 45))
    second = SessionFactory.build(
        conference=first.conference,
        room=RoomFactory(),
        start=first.start,
        end=first.end,
    )

    assert session_integrity_errors(second) == {}


def test_sessions_without_room_never_conflict():
    first = SessionFactory(room=None)
    second = SessionFactory.build(
        conference=first.conference, room=None, start=first.start, end=first.end
    )

    assert list(room_conflicts(second)) == []


def test_end_before_start_is_refused():
    session = SessionFactory.build(start=at(20, 17), end=at(20, 16))

    with pytest.raises(ValidationError) as excinfo:
        session.full_clean(exclude=["conference", "room"])

    assert excinfo.value.message_dict["end"] == ["A session must end after it starts."]


def test_session_outside_conference_dates_is_refused():
    session = SessionFactory()
    session.start = at(22, 9)
    session.end = at(22, 10)

    errors = session_integrity_errors(session)

    assert list(errors) == ["start"]
    assert "20 April 2026 to 21 April 2026" in errors["start"][0]


def test_saved_session_does_not_conflict_with_itself():
    session = SessionFactory()

    assert session_integrity_errors(session) == {}
    session.full_clean()
