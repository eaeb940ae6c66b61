"""URL patterns reversed once, formatted per object."""

import pytest
from django.test import RequestFactory

from events.slug_urls import slug_url_pattern


def test_the_pattern_leaves_a_hole_for_the_slug():
    pattern = slug_url_pattern("events:session", "session", conference="alliance-26")

    assert pattern.format("launch") == "/en/alliance-26/sessions/launch/"


def test_the_pattern_is_absolute_with_a_request():
    request = RequestFactory().get("/", HTTP_HOST="testserver")

    pattern = slug_url_pattern("speakers:person", "person", request=request)

    assert pattern.format("anna") == "http://testserver/en/speakers/anna/"


@pytest.mark.urls("events.urls")
def test_an_unrouted_url_gives_an_empty_pattern():
    assert slug_url_pattern("speakers:person", "person") == ""
