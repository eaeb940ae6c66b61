"""Programme versions: two published versions, their changes in page, Atom and API."""

import datetime as dt

import pytest
from lxml import etree

from events.models import ProgrammeRelease, Session
from events.releases import publish_programme_release
from events.services import delete_from_programme, save_session
from tests import factories

pytestmark = pytest.mark.django_db

VIENNA = factories.VIENNA
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _uncached(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, tzinfo=VIENNA)


@pytest.fixture
def two_versions():
    conference = factories.ConferenceFactory(slug="alliance-26", title="26th Alliance")
    launch = factories.SessionFactory(
        conference=conference, slug="launch", title="Launch", start=at(20, 16)
    )
    panel = factories.SessionFactory(
        conference=conference, slug="panel", title="Panel", start=at(21, 10)
    )
    lunch = factories.SessionFactory(
        conference=conference, slug="lunch", title="Lunch", start=at(21, 13)
    )
    first = publish_programme_release(conference, note="First programme")

    launch.start, launch.end = at(21, 16), at(21, 17)
    save_session(launch)
    panel.title = "Panel on forced criminality"
    save_session(panel)
    delete_from_programme([lunch])
    added = factories.SessionFactory(
        conference=conference, slug="reception", title="Reception", start=at(20, 19)
    )
    second = publish_programme_release(conference, note="Launch moved")
    return {
        "conference": conference,
        "first": first,
        "second": second,
        "ids": {"launch": launch.pk, "panel": panel.pk, "lunch": lunch.pk},
        "added": added,
    }


def test_the_first_version_adds_every_session(two_versions):
    first = two_versions["first"]

    assert first.number == 1
    assert [(c["change"], c["after"]["slug"]) for c in first.changes] == [
        ("added", "launch"),
        ("added", "panel"),
        ("added", "lunch"),
    ]


def test_the_next_version_says_what_was_added_moved_changed_and_cancelled(
    two_versions,
):
    second = two_versions["second"]

    assert second.number == 2
    assert [
        (c["change"], (c["after"] or c["before"])["slug"]) for c in second.changes
    ] == [
        ("added", "reception"),
        ("changed", "panel"),
        ("cancelled", "lunch"),
        ("moved", "launch"),
    ]
    moved = second.changes[-1]
    assert (moved["before"]["start"], moved["after"]["start"]) == (
        "2026-04-20T16:00:00+02:00",
        "2026-04-21T16:00:00+02:00",
    )


def test_publishing_with_nothing_changed_lists_no_change(two_versions):
    third = publish_programme_release(two_versions["conference"])

    assert (third.number, third.changes) == (3, [])


def test_an_unpublished_session_counts_as_cancelled(two_versions):
    reception = two_versions["added"]
    reception.is_published = False
    save_session(reception)

    third = publish_programme_release(two_versions["conference"])

    assert [(c["change"], c["session"]) for c in third.changes] == [
        ("cancelled", reception.pk)
    ]


def test_the_changes_page_shows_both_versions(client, two_versions):
    response = client.get("/en/alliance-26/changes/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index('id="v2"') < html.index('id="v1"')
    assert "Launch moved" in html
    assert "Moved</strong>: <a" in html
    assert "(was 2026-04-20 16:00" in html
    assert "Cancelled</strong>: Lunch" in html
    assert 'href="/feeds/alliance-26/changes.atom"' in html


def test_the_changes_page_in_russian(client, two_versions):
    html = client.get("/ru/alliance-26/changes/").content.decode()

    assert "Версия 2" in html
    assert "Перенесено" in html


def test_the_atom_feed_has_one_entry_per_version(client, two_versions):
    response = client.get("/feeds/alliance-26/changes.atom")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = etree.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Version 2: Launch moved", "Version 1: First programme"]
    summary = next(feed.iter(f"{ATOM}entry")).findtext(f"{ATOM}summary")
    assert "Moved: Launch (2026-04-21T16:00:00+02:00" in summary


def test_the_api_lists_versions_and_their_changes(api_client, two_versions):
    response = api_client.get("/api/v1/changes/?conference=alliance-26&after=1")

    assert response.status_code == 200
    [version] = response.json()["results"]
    assert (version["number"], version["note"]) == (2, "Launch moved")
    assert [c["change"] for c in version["changes"]] == [
        "added",
        "changed",
        "cancelled",
        "moved",
    ]
    assert version["changes"][2]["after"] is None
    assert api_client.get("/api/v1/changes/?since=1").status_code == 400


def test_frab_version_and_sequence_follow_the_versions(client, two_versions):
    xml = client.get("/feeds/alliance-26/schedule.xml").content
    version = etree.fromstring(xml).findtext("version")

    assert version.startswith("2 (Launch moved) ")
    assert Session.objects.get(pk=two_versions["ids"]["launch"]).sequence == 1


def test_staff_publish_a_version_in_the_admin(admin_client, two_versions):
    conference = two_versions["conference"]

    response = admin_client.post(
        "/en/admin/events/programmerelease/add/",
        {"conference": conference.pk, "note": "Final programme"},
    )

    assert response.status_code == 302
    release = ProgrammeRelease.objects.get(conference=conference, number=3)
    assert release.note == "Final programme"
    assert release.published_by.username == "admin"
