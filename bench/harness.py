"""The arithmetic of `make bench`, apart from the processes it starts.

Pure functions, so that tests/bench/ can check them cheaply: how deploy/nginx.conf is
made to run on one machine, how a figure becomes a share of a floor, which targets of
issue #18 a run meets, and how many workers gunicorn replaced for memory.
"""

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

# --- Runs and shares ------------------------------------------------------------


@dataclass
class Run:
    """One wrk run: throughput, latency, size and what went wrong."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    bytes_per_response: float
    errors: int
    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


# Keys of the runs: (conference, endpoint, mode, concurrency). The floors are kept
# under the conference "floor" and these names.
TRIVIAL_FLOOR = ("floor", "trivial Django", "floor")
NGINX_FLOOR = ("floor", "nginx static file", "floor")
PROJECT_FLOOR = ("floor", "our middleware stack", "cached")
FLOORS = {"trivial": TRIVIAL_FLOOR, "nginx": NGINX_FLOOR, "project": PROJECT_FLOOR}


def share(value: float, floor: float | None) -> float | None:
    """``value`` as a percentage of ``floor``; None when there is no floor."""
    if not floor:
        return None
    return 100 * value / floor


def format_share(value: float, floor: float | None) -> str:
    ratio = share(value, floor)
    return "–" if ratio is None else f"{ratio:.0f}%"


def floor_rate(
    runs: dict[tuple[str, str, str, int], Run], floor: str, connections: int
) -> float | None:
    run = runs.get((*FLOORS[floor], connections))
    return run.requests_per_second if run else None


# --- deploy/nginx.conf on one machine -------------------------------------------

DEPLOY_UPSTREAM = "web:8000"
DEPLOY_LISTEN = "listen 8080"
DEPLOY_ROOT = "/srv/alliance/published"
_IPV6_LISTEN = re.compile(
    r"^[ \t]*listen[ \t]+\[::\]:8080[^;\n]*;[ \t]*\n?", re.MULTILINE
)


class DeployConfChanged(ValueError):
    """deploy/nginx.conf no longer has a string the bench replaces."""


def substitute_deploy_conf(
    text: str, *, gunicorn_port: int, listen_port: int, published: str
) -> str:
    """deploy/nginx.conf with the compose names replaced by this machine's.

    Exactly three strings change: the upstream ``web:8000`` becomes the bench's
    gunicorn, ``listen 8080`` a free port on 127.0.0.1, and the published root the
    bench's output directory. An IPv6 listen on 8080 is dropped (it would take the
    real port). A missing string is an error, not a silent benchmark of something
    else.
    """
    missing = [
        s for s in (DEPLOY_UPSTREAM, DEPLOY_LISTEN, DEPLOY_ROOT) if s not in text
    ]
    if missing:
        raise DeployConfChanged(
            "deploy/nginx.conf no longer contains "
            + ", ".join(repr(s) for s in missing)
            + ": update bench/harness.py"
        )
    text = _IPV6_LISTEN.sub("", text)
    text = text.replace(DEPLOY_UPSTREAM, f"127.0.0.1:{gunicorn_port}")
    text = text.replace(DEPLOY_LISTEN, f"listen 127.0.0.1:{listen_port}")
    return text.replace(DEPLOY_ROOT, published.rstrip("/"))


def nginx_main_conf(prefix: str, http: str, *, workers: int = 2) -> str:
    """A whole nginx.conf around ``http`` (the http block's body), in ``prefix``.

    Its pid, error log and temporary files stay in the bench's own directory, so it
    runs beside any system nginx and as any user; no access log, as for gunicorn's
    figures the access log is the only log that costs per request.
    """
    temp = "\n".join(
        f"    {kind}_temp_path {prefix}/{kind}_temp;"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"worker_processes {workers};\n"
        f"pid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/error.log warn;\n"
        "daemon off;\n"
        "events {\n    worker_connections 1024;\n}\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        "    default_type application/octet-stream;\n"
        "    access_log off;\n"
        f"{temp}\n"
        f"{http}\n"
        "}\n"
    )


def nginx_floor_http(listen_port: int, root: str) -> str:
    """The http body of the nginx floor: one static root, nothing else."""
    return (
        "    sendfile on;\n"
        "    tcp_nopush on;\n"
        "    server {\n"
        f"        listen 127.0.0.1:{listen_port};\n"
        f"        root {root};\n"
        "    }"
    )


# --- Published files --------------------------------------------------------------

COMPRESSED_SUFFIXES = (".gz", ".br")


def published_path(url_path: str) -> PurePosixPath | None:
    """Where publish_static writes the answer to ``url_path`` (None: not a file).

    ``/en/x/programme/`` is ``en/x/programme/index.html``, ``/feeds/x/schedule.ics``
    is itself; an URL with a query string has no file.
    """
    if "?" in url_path or not url_path.startswith("/"):
        return None
    relative = url_path.lstrip("/")
    if not relative or url_path.endswith("/"):
        return PurePosixPath(relative) / "index.html"
    return PurePosixPath(relative)


# Feeds and schedule files have no language in their URL: publish_static writes
# one copy per Accept-Language under this directory (events.publishing's name).
ACCEPT_LANGUAGE_DIR = "_accept-language"


def url_of_published(relative: PurePosixPath) -> tuple[str, str | None] | None:
    """(URL, Accept-Language or None) that a published file answers.

    None for the .gz/.br copies and dot files (the release's manifest).
    """
    if relative.suffix in COMPRESSED_SUFFIXES or any(
        part.startswith(".") for part in relative.parts
    ):
        return None
    language = None
    if len(relative.parts) > 2 and relative.parts[0] == ACCEPT_LANGUAGE_DIR:
        language = relative.parts[1]
        relative = PurePosixPath(*relative.parts[2:])
    if relative.name == "index.html":
        parent = str(relative.parent)
        return ("/" if parent == "." else f"/{parent}/"), language
    return f"/{relative}", language


def first_difference(a: bytes, b: bytes) -> int | None:
    """The offset of the first byte that differs (None: equal)."""
    if a == b:
        return None
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


# --- gunicorn's log ---------------------------------------------------------------

_REPLACED = re.compile(r"Worker \d+ uses (\d+) MB \(over (\d+) MB\): replacing it")


def memory_replacements(log_text: str) -> list[int]:
    """Resident sizes (MB) of the workers that deploy/gunicorn.conf.py replaced.

    Its post_request hook logs "Worker <pid> uses <n> MB (over <limit> MB):
    replacing it" (in a JSON line or plain) when GUNICORN_MAX_RSS_MB is passed.
    """
    return [int(size) for size, _limit in _REPLACED.findall(log_text)]


# --- Targets of issue #18 ---------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    met: bool | None  # None: not measured

    @property
    def row(self) -> str:
        verdict = {None: "not measured", True: "met", False: "NOT met"}[self.met]
        return f"| {self.target} | {self.measured} | {verdict} |"


# The cached and static targets are judged on the seed conference (its real size);
# the 1,000-session conference's figures are in the tables beside them.
TARGET_CONFERENCE = "seed"
CACHED_TARGETS = ("programme page", "session page", "API sessions list", "iCal feed")
CACHED_SHARE = 75  # % of the trivial Django floor, at concurrency 10 and 50
CACHED_P99_MS = 30  # at concurrency 50
STATIC_SHARE = 50  # % of the nginx floor
# pretalx 2026.2 on a 1,000-session conference, same machine kind: (concurrency,
# req/s). Ours, uncached, must be at least ten times as fast.
PRETALX = {
    "session page": (10, 23.0),
    "API sessions list": (10, 13.4),
    "programme page": (1, 0.7),
    "iCal feed": (1, 0.6),
    "schedule.xml": (1, 0.2),
    "schedule.json": (1, 0.3),
}
PRETALX_FACTOR = 10
# Uncached, one request at a time (concurrency 1), 1,000 sessions: p99 in ms.
UNCACHED_P99_MS = {
    "programme page": 150,
    "iCal feed": 400,
    "schedule.xml": 400,
    "API sessions list": 100,
}
REPUBLISH_SECONDS = 10
# SQL queries per uncached request: as on main before issue #18 (counted by the
# bench there), or fewer.
QUERY_LIMITS = {
    "programme page": 6,
    "session page": 6,
    "API sessions list": 7,
    "iCal feed": 6,
    "schedule.xml": 8,
    "schedule.json": 8,
}


def query_limit(endpoint: str) -> int:
    """The limit of ``endpoint``; a Russian one ("… (ru)") has the English one's."""
    return QUERY_LIMITS.get(endpoint.removesuffix(" (ru)"), 12)


Runs = dict[tuple[str, str, str, int], Run]


NO_ANSWER = "no answer completed within the run"


def throughput_verdict(
    target: str, run: Run | None, floor: float | None, minimum: float
) -> Verdict:
    """At least ``minimum`` % of ``floor`` req/s, without errors."""
    if run is None or not floor:
        return Verdict(target, "not measured", None)
    if not run.requests:
        return Verdict(target, NO_ANSWER, False)
    ratio = share(run.requests_per_second, floor) or 0.0
    measured = f"{run.requests_per_second:.0f} req/s = {ratio:.0f}% of {floor:.0f}"
    if run.errors:
        measured += f", {run.errors} errors"
    return Verdict(target, measured, ratio >= minimum and run.errors == 0)


def p99_verdict(target: str, run: Run | None, limit_ms: float) -> Verdict:
    if run is None:
        return Verdict(target, "not measured", None)
    if not run.requests:  # wrk's percentiles of nothing are zeros
        return Verdict(target, NO_ANSWER, False)
    measured = f"p99 {run.p99_ms:.1f} ms (p50 {run.p50_ms:.1f} ms)"
    return Verdict(target, measured, run.p99_ms <= limit_ms and run.errors == 0)


def cached_verdicts(runs: Runs) -> list[Verdict]:
    verdicts = []
    for name in CACHED_TARGETS:
        for connections in (10, 50):
            verdicts.append(
                throughput_verdict(
                    f"{TARGET_CONFERENCE} {name}, cached through Django, "
                    f"c{connections}: ≥ {CACHED_SHARE}% of the trivial Django floor",
                    runs.get((TARGET_CONFERENCE, name, "cached", connections)),
                    floor_rate(runs, "trivial", connections),
                    CACHED_SHARE,
                )
            )
        verdicts.append(
            p99_verdict(
                f"{TARGET_CONFERENCE} {name}, cached through Django, c50: "
                f"p99 ≤ {CACHED_P99_MS} ms",
                runs.get((TARGET_CONFERENCE, name, "cached", 50)),
                CACHED_P99_MS,
            )
        )
    return verdicts


def static_verdicts(
    runs: Runs, why_not: str | None = None, unpublished: frozenset[str] = frozenset()
) -> list[Verdict]:
    """The published files through deploy/nginx.conf against the nginx floor.

    ``unpublished``: endpoints publish_static wrote no file for (the API list, whose
    URL has a query string, is Django's).
    """
    verdicts = []
    for name in CACHED_TARGETS:
        for connections in (10, 50):
            target = (
                f"{TARGET_CONFERENCE} {name}, published, through deploy/nginx.conf, "
                f"c{connections}: ≥ {STATIC_SHARE}% of the nginx floor"
            )
            run = runs.get((TARGET_CONFERENCE, name, "static", connections))
            reason = why_not or ("no published file" if name in unpublished else None)
            if run is None and reason:
                verdicts.append(Verdict(target, f"not measured: {reason}", None))
                continue
            verdicts.append(
                throughput_verdict(
                    target, run, floor_rate(runs, "nginx", connections), STATIC_SHARE
                )
            )
    return verdicts


def pretalx_verdicts(runs: Runs) -> list[Verdict]:
    verdicts = []
    for name, (connections, theirs) in PRETALX.items():
        target = (
            f"1000 {name}, uncached, c{connections}: ≥ {PRETALX_FACTOR}× pretalx "
            f"({theirs:g} req/s), so ≥ {PRETALX_FACTOR * theirs:g} req/s"
        )
        run = runs.get(("1000", name, "uncached", connections))
        if run is None:
            verdicts.append(Verdict(target, "not measured", None))
            continue
        if not run.requests:
            verdicts.append(Verdict(target, NO_ANSWER, False))
            continue
        ours = run.requests_per_second
        measured = f"{ours:.1f} req/s = {ours / theirs:.1f}× pretalx"
        if run.errors:
            measured += f", {run.errors} errors"
        verdicts.append(
            Verdict(
                target, measured, ours >= PRETALX_FACTOR * theirs and not run.errors
            )
        )
    for name, limit in UNCACHED_P99_MS.items():
        verdicts.append(
            p99_verdict(
                f"1000 {name}, uncached, one at a time (c1): p99 ≤ {limit} ms",
                runs.get(("1000", name, "uncached", 1)),
                limit,
            )
        )
    return verdicts


def replacement_verdicts(replaced: dict[str, list[int]]) -> list[Verdict]:
    """No worker replaced for memory: one row per phase, then the whole bench."""
    verdicts = []
    for phase, sizes in replaced.items():
        measured = str(len(sizes)) + (f", at up to {max(sizes)} MB" if sizes else "")
        verdicts.append(
            Verdict(
                f"workers replaced for memory (GUNICORN_MAX_RSS_MB) during the "
                f"{phase} runs: none",
                measured,
                not sizes,
            )
        )
    if replaced:
        total = sum(len(sizes) for sizes in replaced.values())
        verdicts.append(
            Verdict(
                "no worker replaced for memory during the whole bench",
                str(total),
                total == 0,
            )
        )
    return verdicts


def republish_verdict(
    seconds: float | None, *, waited: float = 0.0, why_not: str | None = None
) -> Verdict:
    """``seconds`` until the new title was in the file; None: not seen in ``waited``."""
    target = (
        "a changed session title appears in the published file within "
        f"{REPUBLISH_SECONDS} s while the worker runs"
    )
    if why_not:
        return Verdict(target, f"not measured: {why_not}", None)
    if seconds is None:
        return Verdict(target, f"not there after {waited:.0f} s", False)
    return Verdict(target, f"{seconds:.1f} s", seconds <= REPUBLISH_SECONDS)


def identical_verdict(
    compared: int, mismatches: list[str], why_not: str | None = None
) -> Verdict:
    target = (
        "published files (and their .gz/.br, decompressed) byte-identical to "
        "Django's answer for the same URL and language"
    )
    if why_not:
        return Verdict(target, f"not measured: {why_not}", None)
    if not compared:
        return Verdict(target, "no file compared", False)
    measured = f"{compared - len(mismatches)} of {compared} files identical"
    if mismatches:
        measured += "; first differences: " + "; ".join(mismatches[:3])
    return Verdict(target, measured, not mismatches)
