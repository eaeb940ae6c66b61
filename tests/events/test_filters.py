"""The programme's filters offer what the programme has, in the order shown."""

import pytest

from events.filters import ProgrammeFilter
from events.models import Session
from tests.factories import (
    ConferenceFactory,
    OrganisationFactory,
    SessionFactory,
    SessionOrganiserFactory,
)

pytestmark = pytest.mark.django_db


def choices(filterset: ProgrammeFilter, name: str) -> list[tuple[str, str]]:
    return [
        (value, str(label))
        for value, label in filterset.form.fields[name].choices
        if value != ""
    ]


def test_organisations_are_sorted_by_the_name_shown():
    conference = ConferenceFactory()
    session = SessionFactory(conference=conference)
    for name, short_name, slug in [
        ("Aardvark Institute", "ZAI", "aardvark"),
        ("Zeta Council", "", "zeta"),
        ("International Organization for Migration", "IOM", "iom"),
        ("Council of Europe", "", "coe"),
    ]:
        SessionOrganiserFactory(
            session=session,
            organisation=OrganisationFactory(
                name=name, short_name=short_name, slug=slug
            ),
        )

    filterset = ProgrammeFilter(
        queryset=Session.objects.filter(conference=conference), conference=conference
    )

    assert choices(filterset, "organisation") == [
        ("coe", "Council of Europe"),
        ("iom", "IOM"),
        ("aardvark", "ZAI"),
        ("zeta", "Zeta Council"),
    ]


def test_kind_offers_only_kinds_that_have_sessions():
    conference = ConferenceFactory()
    SessionFactory(conference=conference, kind=Session.Kind.SIDE_EVENT)
    SessionFactory(
        conference=ConferenceFactory(), kind=Session.Kind.PLENARY
    )  # another conference's

    filterset = ProgrammeFilter(
        queryset=Session.objects.filter(conference=conference), conference=conference
    )

    assert [value for value, _ in choices(filterset, "kind")] == [
        Session.Kind.SIDE_EVENT
    ]


def test_a_kind_with_no_session_is_a_form_error_not_a_crash(client):
    conference = ConferenceFactory()
    SessionFactory(conference=conference, kind=Session.Kind.SIDE_EVENT)

    filterset = ProgrammeFilter(
        {"kind": Session.Kind.PLENARY},
        queryset=Session.objects.filter(conference=conference),
        conference=conference,
    )

    assert not filterset.is_valid()
    assert "kind" in filterset.errors
    response = client.get(
        f"/en/{conference.slug}/programme/", {"kind": Session.Kind.PLENARY}
    )
    assert response.status_code == 200
    assert response.context["filter"].errors["kind"]


def test_filtering_by_kind_keeps_only_that_kind():
    conference = ConferenceFactory()
    side = SessionFactory(conference=conference, kind=Session.Kind.SIDE_EVENT)
    SessionFactory(conference=conference, kind=Session.Kind.PLENARY)

    filterset = ProgrammeFilter(
        {"kind": Session.Kind.SIDE_EVENT},
        queryset=Session.objects.filter(conference=conference),
        conference=conference,
    )

    assert list(filterset.qs) == [side]
