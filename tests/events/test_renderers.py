"""The API's JSON written by orjson is DRF's JSON, byte for byte.

One difference is allowed: a float so large or small that it takes an exponent
is written in orjson's shorter form (1e16 for 1e+16), the same number. The API
has no float fields (decimals are strings).
"""

import datetime as dt
import decimal
import json
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from events.api.renderers import FastJSONRenderer

AWKWARD = {
    "every character below U+0800": "".join(chr(i) for i in range(0x800)),
    "separators and others": "\u2028\u2029\ufeff\U0001f600 ёж",
    "none": None,
    "flags": [True, False],
    "numbers": [-12, 2**62, 0.1, 1.5, 123456.789],
    "moment": dt.datetime(2026, 4, 20, 10, 0, 0, 123456, tzinfo=dt.UTC),
    "local moment": dt.datetime(
        2026, 4, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))
    ),
    "date": dt.date(2026, 4, 20),
    "time": dt.time(10, 5),
    "decimal": decimal.Decimal("1.50"),
    "uuid": uuid.UUID("6f1f3c5e-6a53-4d35-9a55-0a1e5d1e2a26"),
    "lazy": gettext_lazy("Not found."),
    "tuple": (1, (2, 3)),
    5: "a key that is a number",
}


@pytest.mark.parametrize("data", [AWKWARD, [AWKWARD, {}], {"big": 2**70}, None])
def test_same_bytes_as_drf(data):
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


def test_indented_answers_are_drf_s_own():
    media_type = "application/json; indent=4"

    assert FastJSONRenderer().render(AWKWARD, media_type) == JSONRenderer().render(
        AWKWARD, media_type
    )


def test_floats_with_an_exponent_are_the_same_numbers():
    data = [1e16, 1e-7, -2.5e-12]

    assert json.loads(FastJSONRenderer().render(data)) == data
