"""Which runs `make bench` makes: enough for the targets, within about 20 minutes."""

from bench.run import Endpoint, Report, endpoints_for


def plan(mode: str, quick: bool = False) -> list[tuple[str, str, tuple[int, ...]]]:
    report = Report(
        endpoints=[
            Endpoint("seed", "session page", "/en/a/sessions/s/"),
            Endpoint("seed", "session page (ru)", "/ru/a/sessions/s/"),
            Endpoint("1000", "iCal feed", "/feeds/b/schedule.ics"),
            Endpoint("1000", "iCal feed (ru)", "/feeds/b/schedule.ics?lang=ru"),
        ]
    )
    return [
        (e.conference, e.name, concurrencies)
        for e, concurrencies in endpoints_for(report, mode, quick)
    ]


def test_cached_runs_at_ten_and_fifty_the_seed_conference_in_russian_at_fifty():
    assert plan("cached") == [
        ("seed", "session page", (10, 50)),
        ("seed", "session page (ru)", (50,)),
        ("1000", "iCal feed", (10, 50)),
    ]
    assert plan("cached", quick=True) == [
        ("seed", "session page", (10, 50)),
        ("1000", "iCal feed", (10, 50)),
    ]


def test_uncached_runs_where_pretalx_was_measured():
    assert plan("uncached") == [
        ("seed", "session page", (10,)),
        ("1000", "iCal feed", (1, 10)),
    ]
