"""The API's session written directly against DRF's own nested serializers.

``SessionSerializer`` keeps its declared fields (the schema, and this oracle):
DRF's generic ``to_representation`` over them must give exactly what
``events.api.session_representation`` writes, for every kind of part a session
has, in English and Russian, read through the API's prefetches or the generic ones.
"""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import translation
from rest_framework import serializers
from rest_framework.request import Request

from events.api.serializers import SessionSerializer
from events.models import Session
from events.selectors import with_api_details, with_programme_details
from tests import factories


@pytest.fixture
def full_session(db):
    organisation = factories.OrganisationFactory(
        name_en="OSCE Office", name_ru="Бюро ОБСЕ", short_name="ODIHR"
    )
    session = factories.SessionFactory(
        title_en="Survivors & <justice>",
        title_ru="Пострадавшие",
        description="Line one\nline two \u2028 end",
        online_join_url="https://meet.example.org/j/1?a=1&b=2",
        online_registration_url="https://example.org/register",
        online_link_on_registration=True,
    )
    factories.SessionSectionFactory(session=session, title_ru="Предыстория")
    factories.SessionOrganiserFactory(session=session, organisation=organisation)
    factories.SessionOrganiserFactory(session=session)
    start = dt.datetime(2026, 4, 20, 14, 45, tzinfo=dt.UTC)
    item = factories.AgendaItemFactory(
        session=session, start=start, end=start + dt.timedelta(minutes=20)
    )
    factories.AgendaItemFactory(session=session)
    factories.ParticipationFactory(
        session=session, person__organisation=organisation, agenda_item=item
    )
    factories.ParticipationFactory(
        session=session, person__honorific="", person__given_name=""
    )
    factories.DocumentFactory(session=session)
    bare = factories.SessionFactory(
        conference=session.conference,
        room=None,
        interpretation_languages=[],
        online_platform="",
    )
    return [session.pk, bare.pk]


def _generic(serializer: SessionSerializer, session: Session) -> dict:
    return serializers.ModelSerializer.to_representation(serializer, session)


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("details", [with_api_details, with_programme_details])
def test_written_directly_as_drf_writes_it(full_session, language, details):
    request = Request(RequestFactory().get("/api/v1/sessions/"))
    with translation.override(language):
        sessions = details(Session.objects.filter(pk__in=full_session)).order_by("id")
        for session in sessions:
            serializer = SessionSerializer(context={"request": request})
            expected = _generic(serializer, session)

            assert serializer.to_representation(session) == expected
            assert list(serializer.to_representation(session)) == list(expected)


def test_the_full_session_has_every_part(full_session):
    """The oracle above compares something: each list is filled."""
    request = Request(RequestFactory().get("/api/v1/sessions/"))
    session = with_api_details(Session.objects.filter(pk=full_session[0])).get()
    data = SessionSerializer(session, context={"request": request}).data

    assert [
        len(data[name])
        for name in (
            "organisers",
            "sections",
            "participants",
            "agenda_items",
            "documents",
        )
    ] == [2, 1, 2, 2, 1]
    assert data["participants"][0]["organisation"] == "OSCE Office"
    assert data["room"] is not None
