"""The arithmetic of `make bench`: conf substitution, shares, targets, log parsing."""

import json
from pathlib import PurePosixPath

import pytest

from bench import harness
from bench.harness import (
    NGINX_FLOOR,
    PROJECT_FLOOR,
    TRIVIAL_FLOOR,
    Run,
    Verdict,
)

DEPLOY = """\
upstream alliance_web { server web:8000; }
server {
    listen 8080;
    listen [::]:8080;
    root /srv/alliance/published/current;
    gzip_static on;
    location / { try_files $uri $uri/index.html @django; }
    location @django { proxy_pass http://alliance_web; }
}
"""


def run(rate: float, p99: float = 5.0, errors: int = 0, requests: int = 1000) -> Run:
    return Run(
        requests_per_second=rate,
        p50_ms=p99 / 2,
        p99_ms=p99,
        bytes_per_response=1000,
        errors=errors,
        requests=requests,
    )


# --- deploy/nginx.conf ------------------------------------------------------------


def test_substitution_replaces_the_three_compose_strings_and_nothing_else():
    conf = harness.substitute_deploy_conf(
        DEPLOY, gunicorn_port=41001, listen_port=41002, published="/srv/bench/pub/"
    )

    assert conf == (
        "upstream alliance_web { server 127.0.0.1:41001; }\n"
        "server {\n"
        "    listen 127.0.0.1:41002;\n"
        "    root /srv/bench/pub/current;\n"
        "    gzip_static on;\n"
        "    location / { try_files $uri $uri/index.html @django; }\n"
        "    location @django { proxy_pass http://alliance_web; }\n"
        "}\n"
    )


def test_substitution_refuses_a_conf_without_the_strings_it_replaces():
    changed = DEPLOY.replace("web:8000", "app:9000").replace("listen 8080", "listen 80")

    with pytest.raises(harness.DeployConfChanged) as error:
        harness.substitute_deploy_conf(
            changed, gunicorn_port=1, listen_port=2, published="/x"
        )

    assert str(error.value) == (
        "deploy/nginx.conf no longer contains 'web:8000', 'listen 8080': "
        "update bench/harness.py"
    )


def test_the_main_conf_wraps_the_http_body_with_its_own_files():
    conf = harness.nginx_main_conf("/srv/b", "    include /srv/b/alliance.conf;")

    assert conf.startswith(
        "worker_processes 2;\npid /srv/b/nginx.pid;\n"
        "error_log /srv/b/error.log warn;\ndaemon off;\n"
    )
    http = conf[conf.index("http {") :]
    assert "    include /etc/nginx/mime.types;\n" in http
    assert "    access_log off;\n" in http
    assert "    proxy_temp_path /srv/b/proxy_temp;\n" in http
    assert http.endswith("    include /srv/b/alliance.conf;\n}\n")


def test_the_nginx_floor_serves_one_root_on_loopback():
    body = harness.nginx_floor_http(41003, "/srv/floor")

    assert "listen 127.0.0.1:41003;" in body
    assert "root /srv/floor;" in body


# --- shares -----------------------------------------------------------------------


def test_share_is_a_percentage_of_the_floor():
    assert harness.share(3000, 4000) == 75.0
    assert harness.format_share(3000, 4000) == "75%"
    assert harness.share(3000, None) is None
    assert harness.format_share(3000, 0) == "–"


def test_floor_rate_reads_the_floor_runs_by_name_and_concurrency():
    runs = {
        (*TRIVIAL_FLOOR, 10): run(4500),
        (*NGINX_FLOOR, 50): run(50000),
        (*PROJECT_FLOOR, 10): run(2600),
    }

    assert harness.floor_rate(runs, "trivial", 10) == 4500
    assert harness.floor_rate(runs, "nginx", 50) == 50000
    assert harness.floor_rate(runs, "project", 10) == 2600
    assert harness.floor_rate(runs, "trivial", 50) is None


# --- published files --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("/en/alliance-2026/programme/", "en/alliance-2026/programme/index.html"),
        ("/feeds/alliance-2026/schedule.ics", "feeds/alliance-2026/schedule.ics"),
        ("/", "index.html"),
    ],
)
def test_a_published_file_and_its_url_map_both_ways(url, file):
    assert harness.published_path(url) == PurePosixPath(file)
    assert harness.url_of_published(PurePosixPath(file)) == (url, None)


def test_a_feed_published_per_accept_language_is_asked_in_that_language():
    file = PurePosixPath("_accept-language/ru/feeds/alliance-2026/schedule.ics")

    assert harness.url_of_published(file) == ("/feeds/alliance-2026/schedule.ics", "ru")


def test_query_strings_compressed_copies_and_dot_files_have_no_counterpart():
    assert harness.published_path("/api/v1/sessions/?conference=x") is None
    assert harness.url_of_published(PurePosixPath("en/x/index.html.gz")) is None
    assert harness.url_of_published(PurePosixPath("feeds/x/schedule.ics.br")) is None
    assert harness.url_of_published(PurePosixPath(".manifest.json")) is None


def test_first_difference_names_the_offset():
    assert harness.first_difference(b"abc", b"abc") is None
    assert harness.first_difference(b"abc", b"abd") == 2
    assert harness.first_difference(b"abc", b"abcd") == 3


# --- gunicorn's log ---------------------------------------------------------------


def test_memory_replacements_are_read_from_json_and_plain_lines():
    message = "Worker 4242 uses 156 MB (over 140 MB): replacing it"
    log = "\n".join(
        [
            json.dumps({"time": "t", "level": "INFO", "message": "Booting worker"}),
            json.dumps({"level": "INFO", "name": "gunicorn.error", "message": message}),
            '127.0.0.1 "GET /feeds/x/schedule.ics HTTP/1.1" 200 1765747 345ms "wrk"',
            "[INFO] Worker 17 uses 141 MB (over 140 MB): replacing it",
        ]
    )

    assert harness.memory_replacements(log) == [156, 141]
    assert harness.memory_replacements("Worker 1 uses 90 MB") == []


# --- targets ----------------------------------------------------------------------


def floors(trivial: float = 4000, nginx: float = 40000) -> dict:
    return {
        (*TRIVIAL_FLOOR, 10): run(trivial),
        (*TRIVIAL_FLOOR, 50): run(trivial),
        (*NGINX_FLOOR, 10): run(nginx),
        (*NGINX_FLOOR, 50): run(nginx),
    }


def by_target(verdicts: list[Verdict]) -> dict[str, bool | None]:
    return {v.target: v.met for v in verdicts}


def test_cached_targets_need_three_quarters_of_the_trivial_floor_and_p99():
    runs = floors()
    runs[("seed", "session page", "cached", 10)] = run(3000)  # 75 %: met
    runs[("seed", "session page", "cached", 50)] = run(3100, p99=31.0)
    runs[("seed", "programme page", "cached", 10)] = run(2999)  # just under
    runs[("seed", "programme page", "cached", 50)] = run(3500, errors=1)

    verdicts = by_target(harness.cached_verdicts(runs))

    prefix = "seed {}, cached through Django, "
    share = "c{}: ≥ 75% of the trivial Django floor"
    session, programme = prefix.format("session page"), prefix.format("programme page")
    assert verdicts[session + share.format(10)] is True
    assert verdicts[session + share.format(50)] is True
    assert verdicts[session + "c50: p99 ≤ 30 ms"] is False
    assert verdicts[programme + share.format(10)] is False
    assert verdicts[programme + share.format(50)] is False  # errors
    assert verdicts[prefix.format("iCal feed") + share.format(10)] is None
    assert len(verdicts) == 12


def test_cached_verdict_says_what_was_measured():
    runs = floors(trivial=4000)
    runs[("seed", "iCal feed", "cached", 10)] = run(3200)

    verdict = harness.cached_verdicts(runs)[9]

    assert verdict.row == (
        "| seed iCal feed, cached through Django, c10: ≥ 75% of the trivial Django "
        "floor | 3200 req/s = 80% of 4000 | met |"
    )


def test_without_a_floor_a_figure_is_not_judged():
    runs = {("seed", "session page", "cached", 10): run(3000)}

    verdicts = by_target(harness.cached_verdicts(runs))

    key = "seed session page, cached through Django, c10: ≥ 75% of the trivial "
    assert verdicts[key + "Django floor"] is None


def test_static_targets_are_half_the_nginx_floor_or_say_why_not_measured():
    runs = floors(nginx=40000)
    runs[("seed", "programme page", "static", 10)] = run(20000)
    runs[("seed", "programme page", "static", 50)] = run(19999)

    verdicts = harness.static_verdicts(
        runs, unpublished=frozenset({"API sessions list"})
    )
    skipped = harness.static_verdicts({}, "deploy/nginx.conf does not exist yet")

    target = "seed programme page, published, through deploy/nginx.conf, c{}: "
    target += "≥ 50% of the nginx floor"
    assert by_target(verdicts)[target.format(10)] is True
    assert by_target(verdicts)[target.format(50)] is False
    api = target.replace("programme page", "API sessions list").format(50)
    assert [(v.measured, v.met) for v in verdicts if v.target == api] == [
        ("not measured: no published file", None)
    ]
    assert skipped[0].row == (
        f"| {target.format(10)} | not measured: deploy/nginx.conf does not exist "
        "yet | not measured |"
    )


def test_uncached_targets_are_ten_times_pretalx_at_its_concurrency():
    runs = {
        ("1000", "session page", "uncached", 10): run(230.0),  # exactly 10×
        ("1000", "API sessions list", "uncached", 10): run(133.9),
        ("1000", "programme page", "uncached", 1): run(9.0, p99=151.0),
        ("1000", "schedule.json", "uncached", 10): run(100.0),  # wrong concurrency
    }

    verdicts = {v.target.split(",")[0]: v for v in harness.pretalx_verdicts(runs)[:6]}
    p99 = by_target(harness.pretalx_verdicts(runs)[6:])

    assert verdicts["1000 session page"].met is True
    assert verdicts["1000 session page"].measured == "230.0 req/s = 10.0× pretalx"
    assert verdicts["1000 API sessions list"].met is False
    assert verdicts["1000 programme page"].met is True
    assert verdicts["1000 schedule.json"].met is None
    assert verdicts["1000 schedule.json"].target == (
        "1000 schedule.json, uncached, c1: ≥ 10× pretalx (0.3 req/s), so ≥ 3 req/s"
    )
    assert p99["1000 programme page, uncached, one at a time (c1): p99 ≤ 150 ms"] is (
        False
    )


def test_a_worker_replaced_for_memory_in_any_phase_fails_the_bench():
    verdicts = harness.replacement_verdicts(
        {"trivial floor": [], "cached": [], "uncached": [156, 149]}
    )

    assert [(v.measured, v.met) for v in verdicts] == [
        ("0", True),
        ("0", True),
        ("2, at up to 156 MB", False),
        ("2", False),
    ]
    assert verdicts[-1].target == "no worker replaced for memory during the whole bench"


def test_republishing_within_ten_seconds():
    assert harness.republish_verdict(3.2).met is True
    assert harness.republish_verdict(10.5).met is False
    late = harness.republish_verdict(None, waited=30)
    assert (late.measured, late.met) == ("not there after 30 s", False)
    skipped = harness.republish_verdict(None, why_not="no setting PUBLISH_STATIC_DIR")
    assert (skipped.measured, skipped.met) == (
        "not measured: no setting PUBLISH_STATIC_DIR",
        None,
    )


def test_published_files_identical_only_when_every_compared_one_is():
    same = harness.identical_verdict(40, [])
    different = harness.identical_verdict(40, ["/en/: differs from byte 7"])

    assert (same.measured, same.met) == ("40 of 40 files identical", True)
    assert different.measured == (
        "39 of 40 files identical; first differences: /en/: differs from byte 7"
    )
    assert different.met is False
    assert harness.identical_verdict(0, []).met is False
    assert harness.identical_verdict(0, [], "no publish_static").met is None


def test_query_limits_are_todays_counts_for_both_languages():
    assert harness.query_limit("programme page") == 6
    assert harness.query_limit("API sessions list (ru)") == 7


def test_a_run_in_which_no_answer_completed_meets_nothing():
    # wrk reports 0 req/s and percentiles of 0 ms when nothing came back in time.
    nothing = run(0.0, p99=0.0, requests=0)
    runs = floors() | {
        ("seed", "session page", "cached", 50): nothing,
        ("1000", "programme page", "uncached", 1): nothing,
    }

    verdicts = harness.cached_verdicts(runs) + harness.pretalx_verdicts(runs)

    failed = {v.target: v.measured for v in verdicts if v.met is False}
    assert failed == {
        "seed session page, cached through Django, c50: ≥ 75% of the trivial "
        "Django floor": harness.NO_ANSWER,
        "seed session page, cached through Django, c50: p99 ≤ 30 ms": harness.NO_ANSWER,
        "1000 programme page, uncached, c1: ≥ 10× pretalx (0.7 req/s), so ≥ 7 req/s": (
            harness.NO_ANSWER
        ),
        "1000 programme page, uncached, one at a time (c1): p99 ≤ 150 ms": (
            harness.NO_ANSWER
        ),
    }
