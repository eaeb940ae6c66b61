"""Who opens what with a personal link: the portal's permissions as a table."""

import datetime as dt

import pytest
import time_machine

from organisers import services
from organisers.confirmations import ask_to_confirm
from organisers.links import issue_access_token, issue_confirmation_token
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def links():
    """Two sessions, an organiser and a speaker of the first."""
    with time_machine.travel(dt.datetime(2026, 4, 1, tzinfo=factories.VIENNA)):
        own = factories.SessionFactory(title="Own side event")
        other = factories.SessionFactory(title="Other side event")
        participation = factories.ParticipationFactory(session=own)
        access = services.grant_access(own, email="org@example.org")
        confirmation = ask_to_confirm(participation, email="p@example.org")
        organiser = issue_access_token(access)
        speaker = issue_confirmation_token(confirmation)
        other_access = services.grant_access(other, email="else@example.org")
        return {
            "organiser": organiser,
            "speaker": speaker,
            "other_organiser": issue_access_token(other_access),
        }


TABLE = [
    # (token, page, answer, text the page must not show)
    ("organiser", "session", 200, "Other side event"),
    ("other_organiser", "session", 200, "Own side event"),
    ("speaker", "session", 404, ""),
    ("organiser", "speaker", 404, ""),
    ("speaker", "speaker", 200, "Other side event"),
    ("unknown", "session", 404, ""),
    ("unknown", "speaker", 404, ""),
]


@pytest.mark.parametrize(("token", "kind", "answer", "hidden"), TABLE)
def test_personal_links_open_only_their_own_page(
    client, links, token, kind, answer, hidden
):
    value = links.get(token, "not-a-token")
    with time_machine.travel(dt.datetime(2026, 4, 2, tzinfo=factories.VIENNA)):
        response = client.get(f"/en/organisers/{kind}/{value}/")

    assert response.status_code == answer
    if hidden:
        assert hidden not in response.content.decode()


def test_staff_login_opens_no_portal_without_a_link(admin_client, links):
    assert admin_client.get("/en/organisers/session/").status_code == 404
