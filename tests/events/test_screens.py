"""Screens at the doors, with the clock frozen: now and next, per room and foyer."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.events.test_views import at, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False
    translation.activate("en")


@pytest.fixture
def conference():
    return factories.ConferenceFactory(slug="alliance-26")


def _states(html: str) -> list[str]:
    import re

    return re.findall(r'data-state="(now|next)"', html)


def test_a_room_screen_lists_the_room_s_sessions_in_both_languages(client, conference):
    _plenary, first, _second, _day_two = make_programme(conference)
    later = factories.SessionFactory(
        conference=conference,
        title="Evening talk",
        start=at(20, 18),
        end=at(20, 19),
        room=first.room,
    )
    url = reverse(
        "events:room_screen",
        kwargs={"conference": conference.slug, "room": first.room.slug},
    )
    with time_machine.travel(at(20, 17), tick=False):
        html = client.get(url).content.decode()

    # The browser marks now and next (screen.js): the page is the same all day.
    assert _states(html) == []
    assert html.count('class="screen__item" data-start=') == 2
    assert "Side event 0" in html
    assert "Evening talk" in html
    assert "Opening plenary" not in html
    assert 'Now <span lang="ru">Сейчас</span>' in html
    assert later.pk
    with translation.override("ru"), time_machine.travel(at(20, 17), tick=False):
        russian = client.get(
            reverse(
                "events:room_screen",
                kwargs={"conference": conference.slug, "room": first.room.slug},
            )
        ).content.decode()
    assert 'Сейчас <span lang="en">Now</span>' in russian


def test_the_foyer_screen_has_every_room(client, conference):
    make_programme(conference)
    url = reverse("events:foyer_screen", kwargs={"conference": conference.slug})
    with time_machine.travel(at(20, 11), tick=False):
        response = client.get(url)
    names = [screen.room.name for screen in response.context["rooms"]]
    assert sorted(names) == [
        "Bibliotheksaal",
        "Neuer Saal",
        "Side room 0",
        "Side room 1",
    ]
    assert _states(response.content.decode()) == []


def test_outside_the_conference_no_session_is_marked(client, conference):
    make_programme(conference)
    url = reverse("events:foyer_screen", kwargs={"conference": conference.slug})
    with time_machine.travel(at(25, 11), tick=False):
        assert _states(client.get(url).content.decode()) == []


def test_an_unknown_room_is_a_404(client, conference):
    make_programme(conference)
    url = reverse(
        "events:room_screen", kwargs={"conference": conference.slug, "room": "nope"}
    )
    assert client.get(url).status_code == 404


def test_the_staff_page_links_the_screens(admin_client, conference):
    sessions = make_programme(conference)
    html = admin_client.get(
        reverse("registration:staff", kwargs={"conference": conference.slug})
    ).content.decode()
    assert (
        reverse("events:foyer_screen", kwargs={"conference": conference.slug}) in html
    )
    assert (
        reverse(
            "events:room_screen",
            kwargs={"conference": conference.slug, "room": sessions[1].room.slug},
        )
        in html
    )
