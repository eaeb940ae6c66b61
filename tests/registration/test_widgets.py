"""The side-event choice: one radio group per time slot, in the page's language."""

import datetime as dt

import pytest
from django.utils import translation

from registration.widgets import side_event_slots
from tests.factories import VIENNA, ConferenceFactory, RoomFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _at(hour: int, minute: int = 0, day: int = 20) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, minute, tzinfo=VIENNA)


def test_overlapping_side_events_share_a_slot_in_the_rooms_order():
    conference = ConferenceFactory()
    library = RoomFactory(name="Bibliotheksaal", order=2)
    hall = RoomFactory(name="Neuer Saal", order=1)
    late = SessionFactory(
        conference=conference, title="A", start=_at(16, 45), room=library
    )
    early_room = SessionFactory(
        conference=conference, title="Z", start=_at(16, 45), room=hall
    )
    morning = SessionFactory(
        conference=conference, title="M", start=_at(9, day=21), room=hall
    )

    slots = side_event_slots([morning, late, early_room])

    assert [slot.sessions for slot in slots] == [[early_room, late], [morning]]
    assert [slot.key for slot in slots] == ["202604201645", "202604210900"]


def test_a_side_event_starting_when_another_ends_opens_a_new_slot():
    conference = ConferenceFactory()
    first = SessionFactory(conference=conference, start=_at(14))
    second = SessionFactory(conference=conference, start=_at(15))
    assert [slot.sessions for slot in side_event_slots([first, second])] == [
        [first],
        [second],
    ]


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Monday 20 April, 16:45–17:45"),
        ("ru", "Понедельник 20 апреля, 16:45–17:45"),
    ],
)
def test_a_slot_is_named_by_its_day_and_times_in_the_page_language(language, label):
    session = SessionFactory(start=_at(16, 45))
    with translation.override(language):
        assert side_event_slots([session])[0].label == label
