"""The benchmark's synthetic conference: valid, published, and replaceable."""

import pytest

from bench.generate_conference import GenerationRefused, generate_conference
from events.models import AgendaItem, Conference, Session
from events.version import programme_version
from speakers.models import Participation, Person

pytestmark = pytest.mark.django_db

SMALL = {
    "days": 2,
    "rooms": 3,
    "sessions": 30,
    "people": 40,
    "organisations": 5,
}


def test_makes_a_published_conference_of_the_asked_size():
    before = programme_version().token

    generate_conference("bench-small", **SMALL)

    conference = Conference.objects.get(slug="bench-small")
    sessions = Session.objects.published().filter(conference=conference)
    assert conference.is_published is True
    assert sessions.count() == 30
    assert sessions.values("room").distinct().count() == 3
    assert {s.local_start.date() for s in sessions} == {
        conference.start_date,
        conference.end_date,
    }
    assert Person.objects.filter(slug__startswith="bench-small-p").count() == 40
    assert (
        Person.objects.filter(participations__session__conference=conference)
        .distinct()
        .count()
        == 40
    )
    assert AgendaItem.objects.filter(session__conference=conference).count() >= 60
    assert programme_version().token != before


def test_no_two_sessions_share_a_room_at_once():
    generate_conference("bench-small", **SMALL)

    sessions = list(Session.objects.filter(conference__slug="bench-small"))
    clashes = [
        (a.pk, b.pk)
        for a in sessions
        for b in sessions
        if a.pk < b.pk
        and a.room_id == b.room_id
        and a.start < b.end
        and b.start < a.end
    ]
    assert clashes == []


def test_refuses_to_overwrite_unless_asked():
    generate_conference("bench-small", **SMALL)

    with pytest.raises(GenerationRefused, match="pass replace=True"):
        generate_conference("bench-small", **SMALL)
    generate_conference("bench-small", replace=True, **SMALL)

    assert Conference.objects.filter(slug="bench-small").count() == 1
    assert Person.objects.filter(slug__startswith="bench-small-p").count() == 40
    assert (
        Participation.objects.filter(session__conference__slug="bench-small").count()
        > 0
    )


def test_refuses_more_sessions_than_the_rooms_hold():
    with pytest.raises(GenerationRefused, match="do not fit"):
        generate_conference("too-many", **SMALL | {"sessions": 500})
