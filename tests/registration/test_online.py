"""The page to follow a conference online: one form, sessions optional, then closed."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from registration.models import OnlineParticipant
from tests.factories import VIENNA, ConferenceFactory, SessionFactory
from tests.registration.factories import RegistrationSettingsFactory

pytestmark = pytest.mark.django_db


def _url(conference, language: str = "en") -> str:
    with translation.override(language):
        return reverse("registration:online", kwargs={"conference": conference.slug})


DATA = {
    "name": "Online Follower",
    "email": "Follower@Example.org",
    "organisation": "NGO",
    "language": "en",
    "consent": "on",
}


@pytest.fixture
def conference():
    return ConferenceFactory()


@pytest.fixture
def plenaries(conference):
    return [
        SessionFactory(
            conference=conference,
            title=title,
            slug=slug,
            start=dt.datetime(2026, 4, 20, hour, 0, tzinfo=VIENNA),
            online_link_on_registration=True,
        )
        for title, slug, hour in [
            ("Opening", "opening", 13),
            ("Panel 1", "panel-1", 14),
        ]
    ]


def test_the_form_offers_the_online_sessions_as_checkboxes(client, plenaries):
    opening, panel = plenaries
    own_page = SessionFactory(
        conference=opening.conference,
        title="ASEAN side event",
        online_link_on_registration=True,
        online_registration_url="https://zoom.example/register",
    )

    response = client.get(_url(opening.conference) + "?session=panel-1")

    assert response.status_code == 200
    field = response.context["form"]["sessions"]
    assert [choice.data["label"] for choice in field.subwidgets] == [
        "Opening · Monday 20 April 2026, 13:00–14:00",
        "Panel 1 · Monday 20 April 2026, 14:00–15:00",
    ]
    assert response.context["form"].initial["sessions"] == [panel]
    html = response.content.decode()
    assert f'value="{panel.pk}" id="id_sessions_1" checked' in html
    assert own_page.title not in html


def test_signing_up_records_one_participant_and_queues_one_email(
    client, plenaries, run_worker
):
    opening, panel = plenaries
    url = _url(opening.conference)

    first = client.post(url, {**DATA, "sessions": [panel.pk]})
    again = client.post(url, {**DATA, "email": "follower@example.org"})
    run_worker()

    assert (first.status_code, again.status_code) == (200, 200)
    assert "Thank you" in first.content.decode()
    participant = OnlineParticipant.objects.get()
    assert participant.email == "follower@example.org"
    assert list(participant.sessions.all()) == []
    assert [m.to for m in mail.outbox] == [["follower@example.org"]] * 2


def test_the_old_per_session_address_leads_to_the_conference_sign_up(client, plenaries):
    panel = plenaries[1]
    old = reverse(
        "registration:online_signup",
        kwargs={"conference": panel.conference.slug, "session": panel.slug},
    )

    response = client.get(old)

    assert response.status_code == 302
    assert response["Location"] == _url(panel.conference) + "?session=panel-1"


def test_the_old_address_of_a_session_with_its_own_page_leads_to_the_session(client):
    session = SessionFactory(
        online_link_on_registration=True,
        online_registration_url="https://zoom.example/register",
    )
    old = reverse(
        "registration:online_signup",
        kwargs={"conference": session.conference.slug, "session": session.slug},
    )

    assert client.get(old)["Location"] == session.get_absolute_url()


def test_a_conference_without_online_sessions_has_no_sign_up(client, conference):
    SessionFactory(conference=conference, online_link_on_registration=False)

    assert client.get(_url(conference)).status_code == 404


def test_after_the_last_session_the_page_says_it_is_closed(client, plenaries):
    conference = plenaries[0].conference
    RegistrationSettingsFactory(
        conference=conference, contact_email="alliance@example.org"
    )
    with time_machine.travel(dt.datetime(2026, 4, 20, 15, 0, tzinfo=VIENNA)):
        page = client.get(_url(conference))
        posted = client.post(_url(conference), DATA)

    html = page.content.decode()
    assert page.status_code == 200
    assert "The online sign-up closed on 20 April 2026, 15:00" in html
    assert 'href="mailto:alliance@example.org"' in html
    assert "<form" not in html.split("<main", 1)[1]
    assert posted.status_code == 200
    assert OnlineParticipant.objects.count() == 0


def test_bad_input_is_answered_in_russian(client, plenaries):
    conference = plenaries[0].conference

    response = client.post(
        _url(conference, "ru"),
        {**DATA, "email": "nobody", "consent": "", "sessions": ["abc"]},
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors == {
        "email": ["Введите правильный адрес электронной почты."],
        "sessions": ["Выберите только заседания этой конференции."],
        "consent": ["Необходимо согласие на обработку персональных данных."],
    }
    assert OnlineParticipant.objects.count() == 0


def test_a_session_of_another_conference_is_a_form_error(client, plenaries):
    other = SessionFactory(online_link_on_registration=True)

    response = client.post(
        _url(plenaries[0].conference), {**DATA, "sessions": [other.pk]}
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["sessions"]


def test_the_conference_page_and_the_programme_link_the_sign_up(client, plenaries):
    conference = plenaries[0].conference
    signup = _url(conference)

    home = client.get(conference.get_absolute_url()).content.decode()
    programme = client.get(
        reverse("events:programme", kwargs={"conference": conference.slug})
    ).content.decode()

    assert f'<a class="button" href="{signup}"' in home
    assert ">Follow the conference online</a>" in home
    assert f'<a href="{signup}"' in programme
    assert f'href="{signup}?session=opening"' in programme
    assert "Meeting ID" not in programme


def test_a_conference_without_online_sessions_links_no_sign_up(client, conference):
    SessionFactory(conference=conference)

    home = client.get(conference.get_absolute_url()).content.decode()

    assert "Follow the conference online" not in home


def test_sign_up_is_rate_limited(client, settings, plenaries):
    settings.RATELIMIT_ONLINE_SIGNUP = "2/h"
    url = _url(plenaries[0].conference)
    codes = [
        client.post(url, {**DATA, "email": f"p{n}@example.org"}).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]


@pytest.mark.parametrize("sessions", [1, 8])
def test_the_page_takes_the_same_queries_with_more_sessions(
    client, conference, django_assert_num_queries, sessions
):
    for hour in range(9, 9 + sessions):
        SessionFactory(
            conference=conference,
            start=dt.datetime(2026, 4, 20, hour, 0, tzinfo=VIENNA),
            online_link_on_registration=True,
        )
    # Whatever the number of sessions: the conference, its online sessions, their
    # last end (for the page and for the rule), the contact address and the
    # checkboxes' choices.
    with django_assert_num_queries(6):
        assert client.get(_url(conference)).status_code == 200
