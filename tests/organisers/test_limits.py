"""The personal links are rate-limited per token, with a ceiling per address."""

import datetime as dt

import pytest
import time_machine

from organisers import services
from organisers.confirmations import ask_to_confirm
from organisers.links import issue_access_token, issue_confirmation_token
from tests import factories

pytestmark = pytest.mark.django_db

BEFORE = dt.datetime(2026, 4, 1, 10, tzinfo=factories.VIENNA)


@pytest.fixture(autouse=True)
def _early():
    with time_machine.travel(BEFORE, tick=False):
        yield


def portal_link(session, email) -> str:
    access = services.grant_access(session, email=email)
    return f"/en/organisers/session/{issue_access_token(access)}/"


def confirm_link(participation) -> str:
    confirmation = ask_to_confirm(participation, email="p@example.org")
    return f"/en/organisers/speaker/{issue_confirmation_token(confirmation)}/"


def test_a_portal_link_is_limited_on_its_own_and_others_still_open(client, settings):
    settings.RATELIMIT_PORTAL_LINK = "2/h"
    session = factories.SessionFactory()
    first = portal_link(session, "one@example.org")
    second = portal_link(session, "two@example.org")

    codes = [client.get(first).status_code for _ in range(3)]

    assert codes == [200, 200, 429]
    assert client.get(first)["Retry-After"] == "3600"
    assert client.get(second).status_code == 200


def test_a_confirmation_link_is_limited_per_token(client, settings):
    settings.RATELIMIT_PORTAL_LINK = "2/h"
    first = confirm_link(factories.ParticipationFactory())
    second = confirm_link(factories.ParticipationFactory())

    codes = [client.get(first).status_code for _ in range(3)]

    assert codes == [200, 200, 429]
    assert client.get(second).status_code == 200


def test_one_address_has_a_ceiling_over_all_links(client, settings):
    settings.RATELIMIT_PORTAL_ADDRESS = "3/h"
    session = factories.SessionFactory()
    links = [portal_link(session, f"o{n}@example.org") for n in range(3)]
    links.append(confirm_link(factories.ParticipationFactory(session=session)))

    codes = [client.get(link).status_code for link in links]

    assert codes == [200, 200, 200, 429]
    other = client.get(links[0], REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_guessed_tokens_are_stopped_by_the_miss_limit(client, settings):
    settings.RATELIMIT_TOKEN_MISS = "2/h"
    good = portal_link(factories.SessionFactory(), "org@example.org")

    codes = [
        client.get(f"/en/organisers/session/guess{n}/").status_code for n in range(2)
    ] + [client.get("/en/organisers/speaker/guess/").status_code]

    assert codes == [404, 404, 429]
    assert client.get(good).status_code == 429
