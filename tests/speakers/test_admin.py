"""The admin's session pickers: labelled, searchable by any words, one conference;
and the double-booking warning on the Participation form."""

import datetime as dt

import pytest
from django.urls import reverse

from speakers.models import Participation
from tests.factories import (
    VIENNA,
    ConferenceFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
)
from tests.registration.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years():
    old = ConferenceFactory(
        slug="alliance-2016",
        start_date=dt.date(2016, 4, 11),
        end_date=dt.date(2016, 4, 12),
    )
    new = ConferenceFactory(slug="alliance-2026")
    room = RoomFactory(name="Room 533")
    sessions = {
        "2016": SessionFactory(
            conference=old,
            title="Children Trafficked into Crime",
            start=dt.datetime(2016, 4, 12, 13, 45, tzinfo=VIENNA),
            room=room,
        ),
        "2026": SessionFactory(
            conference=new,
            title="Children Trafficked into Crime",
            start=dt.datetime(2026, 4, 21, 13, 45, tzinfo=VIENNA),
            room=room,
        ),
    }
    return sessions


def _autocomplete(admin_client, term: str) -> list[str]:
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "speakers",
            "model_name": "participation",
            "field_name": "session",
        },
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_session_choices_are_labelled_with_year_day_time_and_room(
    admin_client, two_years
):
    assert _autocomplete(admin_client, "children") == [
        "2026 · Tue 21 Apr 13:45 · Room 533 · Children Trafficked into Crime",
        "2016 · Tue 12 Apr 13:45 · Room 533 · Children Trafficked into Crime",
    ]


def test_session_search_takes_any_words_of_title_room_and_year(admin_client, two_years):
    assert _autocomplete(admin_client, "crime children alliance-2026") == [
        "2026 · Tue 21 Apr 13:45 · Room 533 · Children Trafficked into Crime"
    ]
    assert len(_autocomplete(admin_client, "533 trafficked")) == 2


def test_the_participation_form_shows_the_chosen_session_labelled(
    admin_client, two_years
):
    participation = Participation.objects.create(
        session=two_years["2026"], person=PersonFactory()
    )

    page = admin_client.get(
        reverse("admin:speakers_participation_change", args=[participation.pk])
    )

    assert "2026 · Tue 21 Apr 13:45 · Room 533 · Children Trafficked into Crime" in (
        page.text
    )


def test_registration_form_offers_its_own_conferences_side_events(
    admin_client, two_years
):
    registration = RegistrationFactory(
        invitation__conference=two_years["2026"].conference
    )

    page = admin_client.get(
        reverse("admin:registration_registration_change", args=[registration.pk])
    )

    assert "2026 · Tue 21 Apr 13:45 · Room 533 · Children Trafficked into Crime" in (
        page.text
    )
    assert "2016 · " not in page.text


def test_the_participation_form_warns_of_a_double_booking(admin_client, two_years):
    person = PersonFactory(given_name="Kari", family_name="Johnstone")
    at_the_same_time = SessionFactory(
        conference=two_years["2026"].conference,
        title="Opening",
        start=two_years["2026"].start,
    )
    Participation.objects.create(session=at_the_same_time, person=person)

    response = admin_client.post(
        reverse("admin:speakers_participation_add"),
        {
            "person": person.pk,
            "session": two_years["2026"].pk,
            "role": "speaker",
            "order": 0,
        },
        follow=True,
    )

    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages[0] == f"{person} is also booked in “Opening” at the same time."
    assert messages[1].endswith("was added successfully.")
    assert len(messages) == 2


def _session_options(page) -> list[str]:
    import re

    select = re.search(r'<select name="session"[^>]*>(.*?)</select>', page.text, re.S)
    assert select, "the session field is a plain list"
    return [
        label
        for value, label in re.findall(
            r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)
        )
        if value
    ]


def test_the_add_form_offers_only_the_conference_given(admin_client, two_years):
    conference = two_years["2026"].conference

    page = admin_client.get(
        reverse("admin:speakers_participation_add"), {"conference": conference.pk}
    )

    assert page.status_code == 200
    assert _session_options(page) == [
        "2026 · Tue 21 Apr 13:45 · Room 533 · Children Trafficked into Crime"
    ]


def test_the_add_form_follows_the_lists_conference_filter(admin_client, two_years):
    conference = two_years["2016"].conference

    page = admin_client.get(
        reverse("admin:speakers_participation_add"),
        {"_changelist_filters": f"session__conference__id__exact={conference.pk}"},
    )

    assert _session_options(page) == [
        "2016 · Tue 12 Apr 13:45 · Room 533 · Children Trafficked into Crime"
    ]


def test_the_change_form_offers_the_sessions_conference_only(admin_client, two_years):
    participation = Participation.objects.create(
        session=two_years["2016"], person=PersonFactory()
    )

    page = admin_client.get(
        reverse("admin:speakers_participation_change", args=[participation.pk])
    )

    assert _session_options(page) == [
        "2016 · Tue 12 Apr 13:45 · Room 533 · Children Trafficked into Crime"
    ]


def test_a_session_of_another_conference_is_refused(admin_client, two_years):
    response = admin_client.post(
        reverse("admin:speakers_participation_add")
        + f"?conference={two_years['2026'].conference.pk}",
        {
            "person": PersonFactory().pk,
            "session": two_years["2016"].pk,
            "role": "speaker",
            "order": 0,
        },
    )

    assert response.status_code == 200
    assert "session" in response.context["adminform"].form.errors
    assert not Participation.objects.exists()


@pytest.mark.parametrize("value", ["abc", "-1", "99999999", ""])
def test_a_bad_conference_in_the_address_is_no_error(admin_client, value):
    page = admin_client.get(
        reverse("admin:speakers_participation_add"), {"conference": value}
    )

    assert page.status_code == 200
