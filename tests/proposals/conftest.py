"""Fixtures of the proposals tests: an open call with slots, rooms and criteria."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import caches

from proposals.services import open_call
from tests import factories

VIENNA = factories.VIENNA
# "Now" in these tests: the call opened on 1 February and closes on 1 March 2026.
NOW = dt.datetime(2026, 2, 10, 12, 0, tzinfo=VIENNA)
CLOSES = dt.datetime(2026, 3, 1, 0, 0, tzinfo=VIENNA)


@pytest.fixture(autouse=True)
def _clock_and_limits():
    caches["ratelimit"].clear()
    with time_machine.travel(NOW, tick=False):
        yield
    caches["ratelimit"].clear()


@pytest.fixture
def conference():
    return factories.ConferenceFactory(slug="alliance-2026")


@pytest.fixture
def rooms(conference):
    return [
        factories.RoomFactory(name="Neuer Saal", capacity=120, order=1),
        factories.RoomFactory(name="Ratsaal", capacity=60, order=2),
    ]


@pytest.fixture
def call(conference, rooms):
    return open_call(
        conference=conference,
        opens_at=dt.datetime(2026, 2, 1, tzinfo=VIENNA),
        closes_at=CLOSES,
        slots=[
            (
                dt.datetime(2026, 4, 20, 16, 45, tzinfo=VIENNA),
                dt.datetime(2026, 4, 20, 17, 45, tzinfo=VIENNA),
            ),
            (
                dt.datetime(2026, 4, 21, 9, 0, tzinfo=VIENNA),
                dt.datetime(2026, 4, 21, 10, 0, tzinfo=VIENNA),
            ),
            (
                dt.datetime(2026, 4, 21, 13, 45, tzinfo=VIENNA),
                dt.datetime(2026, 4, 21, 14, 45, tzinfo=VIENNA),
            ),
        ],
        rooms=rooms,
        criteria=["Relevance to the theme", "Quality of the concept note"],
    )


def _user(django_user_model, name: str, group: str | None, **extra):
    user = django_user_model.objects.create_user(
        name, f"{name}@example.org", "pw", is_staff=group is not None, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def reviewer(django_user_model):
    return _user(django_user_model, "reviewer1", "Side-event reviewers")


@pytest.fixture
def reviewer2(django_user_model):
    return _user(django_user_model, "reviewer2", "Side-event reviewers")


@pytest.fixture
def editor(django_user_model):
    return _user(django_user_model, "editor", "Programme editors")


def content(**overrides):
    """A complete proposal as the form's services receive it."""
    data = {
        "organisation": "La Strada International",
        "co_organisers": ["GAATW", "HEUNI", "Terre des hommes"],
        "contact_name": "Suzanne Hoff",
        "contact_email": "suzanne@example.org",
        "title": "Forced criminality: survivors speak",
        "sections": [
            {"title": "Background", "body": "Trafficking for forced criminality."},
            {"title": "Objectives", "body": "Share lessons."},
            {"title": "Expected outcomes", "body": "Recommendations."},
            {"title": "Format", "body": "Panel and questions."},
        ],
        "agenda": [
            {"start": "16:45", "end": "16:55", "title": "Opening"},
            {"start": None, "end": None, "title": "Panel"},
        ],
        "speakers": [
            {
                "honorific": "Ms.",
                "given_name": "Suzanne",
                "family_name": "Hoff",
                "position": "Co-ordinator",
                "organisation": "La Strada International",
                "role": "moderator",
                "online": False,
                "to_be_confirmed": False,
            },
            {
                "honorific": "Dr.",
                "given_name": "Anna",
                "family_name": "Berger",
                "position": "Researcher",
                "organisation": "HEUNI",
                "role": "speaker",
                "online": True,
                "to_be_confirmed": True,
            },
        ],
        "attendance_mode": "hybrid",
        "interpretation": True,
        "preferred_slots": [],
        "expected_audience": "Delegations, NGOs",
        "technical_needs": "Zoom",
        "accessibility_needs": "",
    }
    data.update(overrides)
    return data
