"""The feeds index lists every feed of a conference, and pages link their own."""

import datetime as dt

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

VIENNA = factories.VIENNA


@pytest.fixture(autouse=True)
def _uncached(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, tzinfo=VIENNA)


@pytest.fixture
def programme():
    conference = factories.ConferenceFactory(slug="alliance-26", title="26th Alliance")
    side = factories.SessionFactory(
        conference=conference,
        slug="launch",
        start=at(20, 16),
        room__name="Neuer Saal",
        room__slug="neuer-saal",
    )
    factories.SessionOrganiserFactory(
        session=side, organisation__slug="unodc", organisation__short_name="UNODC"
    )
    participation = factories.ParticipationFactory(
        session=side, person__slug="anna-moderata"
    )
    factories.SessionFactory(conference=conference, slug="closing", start=at(21, 9))
    factories.SessionFactory(
        conference=conference, slug="draft", start=at(22, 9), is_published=False
    )
    return {"conference": conference, "side": side, "person": participation.person}


def test_feeds_url_sends_to_the_index_in_the_visitors_language(client, programme):
    english = client.get("/feeds/alliance-26/")
    russian = client.get("/feeds/alliance-26/", HTTP_ACCEPT_LANGUAGE="ru")

    assert (english.status_code, english["Location"]) == (
        302,
        "/en/alliance-26/feeds/",
    )
    assert russian["Location"] == "/ru/alliance-26/feeds/"


def test_the_index_lists_every_feed_with_subscribe_and_download_links(
    client, programme
):
    response = client.get("/en/alliance-26/feeds/")

    assert response.status_code == 200
    html = response.content.decode()
    base = "://testserver/feeds/alliance-26"
    for path in [
        "/schedule.ics",
        "/days/2026-04-20.ics",
        "/days/2026-04-21.ics",
        "/rooms/neuer-saal.ics",
        "/organisations/unodc.ics",
        "/people/anna-moderata.ics",
    ]:
        assert f'href="webcal{base}{path}"' in html, path
        assert f'href="http{base}{path}" download' in html, path
    assert 'href="/feeds/alliance-26/schedule.xml"' in html
    assert 'href="/feeds/alliance-26/schedule.json"' in html
    assert "2026-04-22" not in html  # only a draft that day


def test_every_feed_the_index_lists_answers(client, programme):
    html = client.get("/en/alliance-26/feeds/").content.decode()
    links = {
        part.split('"', 1)[0].removeprefix("http://testserver")
        for part in html.split('href="')[1:]
        if part.startswith(("http://testserver/feeds/", "/feeds/"))
    }

    # whole, 2 days, 2 rooms, 1 organiser, 1 person, xml, json, changes
    assert len(links) == 10
    for link in sorted(links):
        assert client.get(link).status_code == 200, link


def test_the_index_takes_a_fixed_number_of_queries(
    client, programme, django_assert_max_num_queries
):
    for slug in ("a", "b", "c"):
        factories.SessionFactory(conference=programme["conference"], slug=slug)
    with django_assert_max_num_queries(12):
        assert client.get("/en/alliance-26/feeds/").status_code == 200


def test_an_unknown_conference_has_no_index(client, programme):
    assert client.get("/en/nowhere/feeds/").status_code == 404


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/en/alliance-26/programme/", "/feeds/alliance-26/schedule.ics"),
        ("/en/alliance-26/programme/", "/feeds/alliance-26/days/2026-04-21.ics"),
        ("/en/alliance-26/programme/", "/en/alliance-26/feeds/"),
        (
            "/en/alliance-26/rooms/neuer-saal/",
            "/feeds/alliance-26/rooms/neuer-saal.ics",
        ),
        ("/en/organisations/unodc/", "/feeds/alliance-26/organisations/unodc.ics"),
        (
            "/en/speakers/anna-moderata/",
            "/feeds/alliance-26/people/anna-moderata.ics",
        ),
    ],
)
def test_pages_link_their_own_feed(client, programme, page, feed):
    response = client.get(page)

    assert response.status_code == 200
    assert feed in response.content.decode()
