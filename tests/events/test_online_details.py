"""A Zoom link given on registration is e-mailed to those who sign up, never shown."""

import pytest
from django.urls import reverse

from events.ical import online_access_lines
from tests import factories

pytestmark = pytest.mark.django_db

JOIN = "https://zoom.example/j/95524627222"


@pytest.fixture(autouse=True)
def _uncached(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False


@pytest.fixture
def plenary():
    return factories.SessionFactory(
        title="Panel 1",
        online_link_on_registration=True,
        online_join_url=JOIN,
        online_meeting_id="955 2462 7222",
        online_passcode="78170555",
    )


def test_the_programme_and_the_session_page_link_the_sign_up_not_the_meeting(
    client, plenary
):
    conference = plenary.conference
    signup = reverse("registration:online", kwargs={"conference": conference.slug})
    programme = client.get(
        reverse("events:programme", kwargs={"conference": conference.slug})
    ).text
    page = client.get(plenary.get_absolute_url()).text

    for html in (programme, page):
        assert JOIN not in html
        assert "955 2462 7222" not in html
        assert "78170555" not in html
        assert f'href="{signup}?session={plenary.slug}"' in html


def test_the_api_leaves_the_details_empty(api_client, plenary):
    access = api_client.get(f"/api/v1/sessions/{plenary.pk}/").json()["online_access"]

    assert access == {
        "platform": "Zoom",
        "join_url": "",
        "meeting_id": "",
        "passcode": "",
        "registration_url": "",
        "link_on_registration": True,
    }


def test_calendars_leave_the_details_out(plenary):
    assert online_access_lines(plenary) == ["Online: Zoom"]


def test_a_published_link_is_still_shown(client):
    session = factories.SessionFactory(online_join_url=JOIN)

    page = client.get(session.get_absolute_url()).text

    assert f'<a href="{JOIN}" rel="noopener">Join via Zoom' in page
    assert "955 2462 7222" in page
