"""Reads of the programme: querysets with their joins, and plain data."""

import datetime as dt

import pytest

from events.models import Conference, Session
from events.selectors import (
    archived_conferences,
    conference_days,
    search_sessions,
    with_programme_details,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_conference_days_run_from_the_first_to_the_last():
    conference = factories.ConferenceFactory.build(
        start_date=dt.date(2026, 4, 20), end_date=dt.date(2026, 4, 22)
    )

    assert conference_days(conference) == [
        dt.date(2026, 4, 20),
        dt.date(2026, 4, 21),
        dt.date(2026, 4, 22),
    ]


def test_search_matches_every_word_in_titles_or_people():
    wanted = factories.SessionFactory(title="Launch of the Study")
    factories.ParticipationFactory(session=wanted, person__family_name="Johnstone")
    factories.SessionFactory(title="Launch of the Report")

    found = search_sessions(Session.objects.all(), "launch johnstone")

    assert list(found) == [wanted]


def test_archived_conferences_leave_out_the_newest():
    old = factories.ConferenceFactory(start_date=dt.date(2023, 4, 20))
    old.end_date = old.start_date
    old.save()
    factories.ConferenceFactory()

    assert list(archived_conferences(Conference.objects.all())) == [old]


@pytest.mark.parametrize("count", [1, 3])
def test_programme_details_take_a_fixed_number_of_queries(
    django_assert_num_queries, count
):
    for _ in range(count):
        session = factories.SessionFactory()
        factories.SessionOrganiserFactory(session=session)
        factories.ParticipationFactory(session=session)

    with django_assert_num_queries(6):
        for session in with_programme_details(Session.objects.all()):
            list(session.organisers.all())
            list(session.participations.all())
            list(session.sections.all())
            list(session.agenda_items.all())
