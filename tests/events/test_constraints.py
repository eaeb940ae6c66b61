"""The database itself refuses what validation refuses, where it can."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from events.models import Session
from tests.factories import VIENNA, SessionFactory


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_refuses_two_sessions_in_one_room_at_once():
    first = SessionFactory()

    with (
        pytest.raises(IntegrityError, match="session_room_no_overlap"),
        transaction.atomic(),
    ):
        Session.objects.create(
            conference=first.conference,
            room=first.room,
            title="Clash",
            slug="clash",
            start=first.start + dt.timedelta(minutes=30),
            end=first.end + dt.timedelta(minutes=30),
        )

    assert Session.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_accepts_back_to_back_sessions():
    first = SessionFactory()

    Session.objects.create(
        conference=first.conference,
        room=first.room,
        title="Next",
        slug="next",
        start=first.end,
        end=first.end + dt.timedelta(hours=1),
    )

    assert Session.objects.count() == 2


@pytest.mark.django_db
def test_database_refuses_session_ending_before_start():
    first = SessionFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            conference=first.conference,
            title="Backwards",
            slug="backwards",
            start=dt.datetime(2026, 4, 20, 12, tzinfo=VIENNA),
            end=dt.datetime(2026, 4, 20, 11, tzinfo=VIENNA),
        )
