"""The benchmark's URLconf: the floor page beside the whole site, never in it."""

import pytest
from django.urls import reverse

from bench.floor import FLOOR_BYTES

pytestmark = pytest.mark.django_db


def test_the_site_has_no_floor_page(client):
    assert client.get("/bench/floor/").status_code == 404


def test_the_benchmark_serves_the_floor_beside_the_site(client, settings):
    settings.ROOT_URLCONF = "bench.urls"

    floor = client.get("/bench/floor/")
    home = client.get(reverse("events:conference_list"))

    assert (floor.status_code, len(floor.content)) == (200, FLOOR_BYTES)
    assert (home.status_code, home.request["PATH_INFO"]) == (200, "/en/")
