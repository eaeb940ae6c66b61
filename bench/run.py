# A local tool running fixed commands (wrk, redis-cli, gunicorn) on 127.0.0.1:
# ruff: noqa: S603, S607, S310, S108
"""`make bench`: load-test the production stack and write bench/RESULTS.md.

What it does, in order:

1. prepares its own PostgreSQL database (alliance_bench): migrations, the seed
   conferences from fixtures/ and a generated 1,000-session conference;
2. finds the endpoints (programme page, a session page, the API sessions list of
   one conference, the whole-conference iCal feed, schedule.xml and schedule.json)
   by reversing URL names and reading /api/v1/conferences/<slug>/; an endpoint that
   does not answer 200 is skipped, with a note;
3. counts SQL queries per request and times single uncached requests in this
   process (Django test client, CaptureQueriesContext), and profiles the slowest
   uncached endpoints with pyinstrument;
4. measures the two floors, in the same run as everything else: a one-file Django
   site returning a fixed 50 KB page with only the common middleware
   (bench/trivial_app.py) under the same gunicorn settings, and Debian's nginx
   serving the same 50 KB as a static file (installed when missing, as root);
5. publishes the programme as static files (`manage.py publish_static`), then
   starts gunicorn (2 workers) against PostgreSQL and Redis with the page cache
   on, and measures with wrk at concurrency 10 and 50: our own floor page
   (/bench/floor/: the 50 KB through our middleware stack), every endpoint through
   Django, then the published files through deploy/nginx.conf, after comparing
   them byte for byte with Django's answers; then again with the cache off
   (concurrency 1 and 10: two sync workers queue the rest);
6. starts the worker with the publishing directory set, changes a session's
   title, and times until the published file has it;
7. reads the workers' resident memory and counts, per phase, the workers that
   gunicorn replaced for passing GUNICORN_MAX_RSS_MB;
8. submits the registration form with wrk (bench/register.lua) at concurrency 20
   and checks in the database that no more places are held than the capacity;
9. writes bench/RESULTS.md: each figure as a share of the trivial Django floor and
   of the nginx floor, and the targets of issue #18 as rows, met or not.

A piece that does not exist (publish_static, deploy/nginx.conf, the publishing
setting) is skipped, and RESULTS.md says so in its rows.

Options: --duration SECONDS (default 10), --quick (2 s runs, English only, no
profiles: about four minutes, for trying it out), --keep-data (reuse the generated
conference if present).
"""

import argparse
import datetime as dt
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is on the path, not ROOT
    sys.path.insert(0, str(ROOT))

from bench import harness, static_path  # noqa: E402
from bench.harness import NGINX_FLOOR, PROJECT_FLOOR, TRIVIAL_FLOOR, Run  # noqa: E402

PYTHON = sys.executable
RESULTS = ROOT / "bench" / "RESULTS.md"
PROFILES = ROOT / "bench" / "profiles"
ANALYSIS = ROOT / "bench" / "analysis.md"
BENCH_SLUG = "bench-conference"
SEED_EDITION = 26
WORKERS = 2

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/alliance_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(port: int, *, cache: bool) -> dict[str, str]:
    """Production settings, as `make serve` has them, on plain http locally."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "TESTING", "CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DEBUG="0",
        TESTING="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        RATELIMIT_CACHE_URL=REDIS_URL,
        # TLS would end at the load balancer; wrk speaks plain http to gunicorn.
        SECURE_SSL_REDIRECT="0",
        EMAIL_URL="consolemail://",
        # One address for every process (publish_static, gunicorn, the worker), so
        # that absolute links in published files and Django's answers agree.
        SITE_URL=static_path.SITE_URL,
        # The site plus the floor page (/bench/floor/): bench/urls.py.
        ROOT_URLCONF="bench.urls",
        PUBLIC_CACHE="1" if cache else "0",
        WEB_CONCURRENCY=str(WORKERS),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        # No worker recycling, so that the memory read after the run is honest.
        GUNICORN_MAX_REQUESTS="0",
    )
    return env


def manage(*args: str) -> None:
    env = server_env(0, cache=False)
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare_data(keep: bool) -> None:
    log(f"database {DATABASE_URL}: migrate, seed, generate")
    ensure_database()
    manage("migrate", "--no-input", "--verbosity", "0")
    manage("collectstatic", "--no-input", "--verbosity", "0")
    setup_django()
    from events.models import Conference

    if not Conference.objects.filter(edition=SEED_EDITION).exists():
        fixtures = sorted(str(path) for path in (ROOT / "fixtures").glob("*.json"))
        manage("loaddata", *fixtures, "--verbosity", "0")
    from events.now import now

    # Ahead of today, so that its registration is open for the submit runs.
    start = now().date() + dt.timedelta(days=60)
    bench = Conference.objects.filter(slug=BENCH_SLUG).first()
    current = (
        bench
        and bench.sessions.count() == 1000
        and bench.start_date >= now().date() + dt.timedelta(days=7)
    )
    if not (keep and current):
        from bench.generate_conference import generate_conference

        log(f"generating {BENCH_SLUG}, from {start}")
        generate_conference(BENCH_SLUG, replace=True, start=start)


_django_ready = False


def setup_django() -> None:
    global _django_ready
    if _django_ready:
        return
    os.environ.update(server_env(0, cache=False))
    os.environ["DJANGO_SETTINGS_MODULE"] = "alliance.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    _django_ready = True


@dataclass
class Endpoint:
    conference: str  # "seed" or "1000"
    name: str
    path: str
    body_bytes: int = 0
    queries: int | None = None
    cached_queries: int | None = None
    serial_ms: float | None = None


@dataclass
class Report:
    endpoints: list[Endpoint] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    runs: dict[tuple[str, str, str, int], Run] = field(default_factory=dict)
    memory_mb: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    load: dict[str, float] = field(default_factory=dict)
    recycled: dict[str, list[int]] = field(default_factory=dict)
    profiles: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    registration: "RegistrationRun | None" = None
    # The session whose title the republishing check changes, per conference.
    sessions: dict[str, int] = field(default_factory=dict)
    timings: int = 5  # in-process requests per endpoint, of which the median
    published: Path | None = None  # the output of publish_static
    publish_seconds: float | None = None
    static_why_not: str | None = None
    static_notes: list[str] = field(default_factory=list)
    unpublished: set[str] = field(default_factory=set)  # endpoints without a file
    compared: int = 0
    mismatches: list[str] = field(default_factory=list)
    identical_why_not: str | None = None
    republish_seconds: float | None = None
    republish_waited: float = 0.0
    republish_why_not: str | None = None


def discover(report: Report, russian: bool = True) -> None:
    """Find each endpoint by name, or from the API; skip what does not answer.

    ``russian``: also the same pages and feeds in Russian (--quick leaves them out).
    """
    setup_django()
    from django.test import Client
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from events.models import Conference

    client = Client(raise_request_exception=False)
    seed = Conference.objects.published().filter(edition=SEED_EDITION).first()
    bench = Conference.objects.filter(slug=BENCH_SLUG).first()
    for label, conference in (("seed", seed), ("1000", bench)):
        if conference is None:
            report.skipped.append(f"{label}: no such conference")
            continue
        sessions = conference.sessions.published().order_by("start", "id")
        middle = sessions[sessions.count() // 2] if sessions.exists() else None
        candidates: dict[str, str | None] = {}
        with translation.override("en"):
            try:
                candidates["programme page"] = reverse(
                    "events:programme", kwargs={"conference": conference.slug}
                )
            except NoReverseMatch:
                candidates["programme page"] = None
            candidates["session page"] = middle.get_absolute_url() if middle else None
        candidates["API sessions list"] = (
            reverse("session-list") + f"?conference={conference.slug}"
        )
        detail = client.get(
            reverse("conference-detail", kwargs={"slug": conference.slug}),
            HTTP_ACCEPT="application/json",
        )
        data = detail.json() if detail.status_code == 200 else {}
        for name, key in (
            ("iCal feed", "ical_url"),
            ("schedule.xml", "schedule_xml_url"),
            ("schedule.json", "schedule_json_url"),
        ):
            url = data.get(key)
            candidates[name] = url.replace("http://testserver", "") if url else None
        # The same pages and feeds in Russian: the texts are columns of the same
        # rows, so the query counts and cached speed should match the English ones.
        with translation.override("ru"):
            russian_candidates = {
                "programme page (ru)": reverse(
                    "events:programme", kwargs={"conference": conference.slug}
                ),
                "session page (ru)": middle.get_absolute_url() if middle else None,
            }
        if middle is not None:
            report.sessions[label] = middle.pk
        for name in ("API sessions list", "iCal feed", "schedule.xml", "schedule.json"):
            path = candidates.get(name)
            separator = "&" if path and "?" in path else "?"
            russian_candidates[f"{name} (ru)"] = (
                f"{path}{separator}lang=ru" if path else None
            )
        if russian:
            candidates.update(russian_candidates)
        for name, path in candidates.items():
            if path is None:
                report.skipped.append(f"{label} {name}: no URL yet")
                continue
            response = client.get(path)
            if response.status_code != 200:
                report.skipped.append(
                    f"{label} {name}: {path} answered {response.status_code}"
                )
                continue
            report.endpoints.append(Endpoint(label, name, path))
    log(f"{len(report.endpoints)} endpoints, {len(report.skipped)} skipped")


def count_queries_and_time(report: Report, profile: bool, timings: int = 5) -> None:
    """Queries per request (cache off, then a cache hit) and serial timings."""
    setup_django()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False)
    report.timings = timings
    for endpoint in report.endpoints:
        settings.PUBLIC_CACHE_ENABLED = False
        client.get(endpoint.path)  # warm the templates and the connection
        with CaptureQueriesContext(connection) as queries:
            response = client.get(endpoint.path)
        endpoint.queries = len(queries)
        endpoint.body_bytes = len(response.content)
        elapsed = []
        for _ in range(timings):
            start = time.perf_counter()
            client.get(endpoint.path)
            elapsed.append((time.perf_counter() - start) * 1000)
        endpoint.serial_ms = statistics.median(elapsed)
        settings.PUBLIC_CACHE_ENABLED = True
        cache.clear()
        client.get(endpoint.path)
        with CaptureQueriesContext(connection) as queries:
            client.get(endpoint.path)
        endpoint.cached_queries = len(queries)
        log(
            f"{endpoint.conference} {endpoint.name}: {endpoint.queries} queries, "
            f"{endpoint.serial_ms:.0f} ms uncached, {endpoint.body_bytes} bytes"
        )
    settings.PUBLIC_CACHE_ENABLED = False
    if profile:
        profile_slowest(report, client)


def profile_slowest(report: Report, client: object) -> None:
    from pyinstrument import Profiler

    PROFILES.mkdir(exist_ok=True)
    slow = sorted(
        (e for e in report.endpoints if e.conference == "1000"),
        key=lambda e: e.serial_ms or 0,
        reverse=True,
    )[:3]
    for endpoint in slow:
        profiler = Profiler(interval=0.005)
        profiler.start()
        client.get(endpoint.path)  # type: ignore[attr-defined]
        profiler.stop()
        text = profiler.output_text(unicode=False, color=False, short_mode=True)
        slug = re.sub(r"[^a-z0-9]+", "-", endpoint.name.lower()).strip("-")
        (PROFILES / f"{slug}.txt").write_text(text)
        report.profiles[endpoint.name] = hotspots(profiler)
        log(f"profiled {endpoint.name}: bench/profiles/{slug}.txt")


def hotspots(profiler: object) -> list[str]:
    """The functions with the most time of their own (not of their callees)."""
    session = profiler.last_session  # type: ignore[attr-defined]
    own: dict[str, float] = {}

    def walk(frame: object) -> None:
        if frame is None:
            return
        for child in frame.children:  # type: ignore[attr-defined]
            walk(child)
        if frame.is_synthetic or not frame.file_path:  # type: ignore[attr-defined]
            return
        name = f"{frame.function} ({Path(frame.file_path or '?').name}:{frame.line_no})"  # type: ignore[attr-defined]
        own[name] = own.get(name, 0.0) + frame.total_self_time  # type: ignore[attr-defined]

    walk(session.root_frame())
    total = session.duration or 1
    top = sorted(own.items(), key=lambda item: item[1], reverse=True)[:6]
    return [f"{name}: {100 * seconds / total:.0f}%" for name, seconds in top]


class Server:
    """gunicorn with the production settings, as `make serve` starts it."""

    def __init__(
        self,
        *,
        cache: bool,
        extra_env: dict[str, str] | None = None,
        app: str = "alliance.wsgi",
    ) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = Path(f"/tmp/alliance-bench-gunicorn-{self.port}.log").open("w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", app],
            cwd=ROOT,
            env={**server_env(self.port, cache=cache), **(extra_env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"{self.base}/healthz", timeout=2
                ) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start: see {self.log.name}")

    def worker_memory_mb(self) -> list[tuple[float, float]]:
        """(resident, proportional) memory of each worker, in MB.

        Resident (RSS) counts the pages shared with the master (the app is loaded
        before the fork) in full; proportional (PSS) splits them between sharers.
        """
        sizes = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
                if f"\nPPid:\t{self.process.pid}\n" not in text:
                    continue
                rollup = (status.parent / "smaps_rollup").read_text()
            except OSError:
                continue
            rss = re.search(r"VmRSS:\s+(\d+) kB", text)
            pss = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
            if rss and pss:
                sizes.append((int(rss.group(1)) / 1024, int(pss.group(1)) / 1024))
        return sorted(sizes)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()

    def replaced_for_memory(self) -> list[int]:
        """The workers deploy/gunicorn.conf.py replaced (their MB), from the log."""
        return harness.memory_replacements(Path(self.log.name).read_text())


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}
SIZES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


def wrk(
    url: str, connections: int, duration: int, script: list[str] | None = None
) -> Run:
    """One wrk run; ``script`` is a Lua script's path followed by its arguments."""
    lua = ["-s", script[0], url, "--", *script[1:]] if script else [url]
    output = subprocess.run(
        [
            "wrk",
            "--latency",
            "-t",
            "2" if connections >= 2 else "1",
            "-c",
            str(connections),
            "-d",
            f"{duration}s",
            "--timeout",
            "10s",
            # As phones and browsers ask; the floor page is sent uncompressed anyway.
            "-H",
            "Accept-Encoding: gzip, deflate, br",
            *lua,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    p50 = re.search(r"\s50%\s+([\d.]+\w+)", output)
    p99 = re.search(r"\s99%\s+([\d.]+\w+)", output)
    total = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)(\w+) read", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    requests = int(total.group(1)) if total else 0
    read = float(total.group(2)) * SIZES[total.group(3)] if total else 0.0
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Run(
        requests_per_second=float(rate.group(1)) if rate else 0.0,
        p50_ms=_ms(p50.group(1)) if p50 else 0.0,
        p99_ms=_ms(p99.group(1)) if p99 else 0.0,
        bytes_per_response=read / requests if requests else 0.0,
        errors=errors,
        requests=requests,
        statuses={
            int(status): int(n)
            for status, n in re.findall(r"^status (\d+): (\d+)$", output, re.M)
        },
    )


def get(url: str) -> float:
    """One GET, returning its time in seconds."""
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as answer:
        answer.read()
    return time.perf_counter() - start


def warm(server: Server, path: str, times: int = 3) -> None:
    """Requests one at a time: templates, connections and the cache entry ready."""
    for _ in range(times):
        get(server.base + path)


def drain(server: Server) -> None:
    """Wait until the requests wrk left in flight are done (a quick /healthz)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and get(server.base + "/healthz") > 0.1:
        time.sleep(0.5)


def run_wrk(
    report: Report,
    base: str,
    key: tuple[str, str, str],
    path: str,
    connections: int,
    duration: int,
    drain_server: "Server | None" = None,
) -> Run:
    run = wrk(base + path, connections, duration)
    if drain_server is not None:
        drain(drain_server)
    report.runs[(*key, connections)] = run
    log(
        f"{key[0]} {key[1]}, {key[2]}, c{connections}: "
        f"{run.requests_per_second:.0f} req/s, "
        f"p50 {run.p50_ms:.1f} ms, p99 {run.p99_ms:.1f} ms, {run.errors} errors"
    )
    return run


def measure_floors(
    report: Report, duration: int, nginx: str | None, work: Path
) -> None:
    """The trivial Django floor and the nginx static floor, at c10 and c50."""
    log(f"trivial Django floor: bench/trivial_app.py, gunicorn, {WORKERS} workers")
    server = Server(cache=False, app="bench.trivial_app:application")
    report.load["trivial floor"] = os.getloadavg()[0]
    try:
        warm(server, "/bench/floor/")
        for connections in (10, 50):
            run_wrk(
                report,
                server.base,
                TRIVIAL_FLOOR,
                "/bench/floor/",
                connections,
                duration,
                server,
            )
    finally:
        server.stop()
    report.recycled["trivial floor"] = server.replaced_for_memory()
    if nginx is None:
        return
    from bench.floor import FLOOR_PAGE

    root = work / "floor-root"
    (root / "bench" / "floor").mkdir(parents=True)
    (root / "bench" / "floor" / "index.html").write_bytes(FLOOR_PAGE)
    port = free_port()
    log("nginx floor: a static 50 KB file")
    server = static_path.Nginx(
        nginx, work / "nginx-floor", harness.nginx_floor_http(port, str(root)), port
    )
    report.load["nginx floor"] = os.getloadavg()[0]
    try:
        get(server.base + "/bench/floor/")
        for connections in (10, 50):
            run_wrk(
                report, server.base, NGINX_FLOOR, "/bench/floor/", connections, duration
            )
    finally:
        server.stop()


def endpoints_for(
    report: Report, mode: str, quick: bool
) -> list[tuple[Endpoint, tuple[int, ...]]]:
    """Which endpoint runs at which concurrencies, to keep the bench near 20 min.

    Cached: every endpoint at 10 and 50, the seed conference's Russian ones at 50
    only (their texts are columns of the same rows). Uncached: the 1,000-session
    conference at 1 and 10 (pretalx's figures are at those), the seed one at 10;
    English only.
    """
    chosen = []
    for endpoint in report.endpoints:
        russian = endpoint.name.endswith("(ru)")
        if russian and (quick or mode != "cached" or endpoint.conference != "seed"):
            continue
        if mode == "cached":
            chosen.append((endpoint, (50,) if russian else (10, 50)))
        elif endpoint.conference == "1000":
            chosen.append((endpoint, (1, 10)))
        else:
            chosen.append((endpoint, (10,)))
    return chosen


def measure(
    report: Report, duration: int, quick: bool, nginx: str | None, work: Path
) -> None:
    for mode in ("cached", "uncached"):
        state = "on" if mode == "cached" else "off"
        log(f"gunicorn, {WORKERS} workers, page cache {state}")
        subprocess.run(
            ["redis-cli", "-u", REDIS_URL, "FLUSHDB"], capture_output=True, check=False
        )
        server = Server(cache=mode == "cached")
        report.load[mode] = os.getloadavg()[0]
        try:
            if mode == "cached":
                warm(server, "/bench/floor/")
                for connections in (10, 50):
                    run_wrk(
                        report,
                        server.base,
                        PROJECT_FLOOR,
                        "/bench/floor/",
                        connections,
                        duration,
                        server,
                    )
            for endpoint, concurrencies in endpoints_for(report, mode, quick):
                # Uncached, two are enough: one for each worker's templates.
                warm(server, endpoint.path, 3 if mode == "cached" else WORKERS)
                for connections in concurrencies:
                    key = (endpoint.conference, endpoint.name, mode)
                    run_wrk(
                        report,
                        server.base,
                        key,
                        endpoint.path,
                        connections,
                        duration,
                        server,
                    )
            if mode == "cached":
                measure_static(report, server, duration, quick, nginx, work)
            time.sleep(5)  # a worker may still finish a request wrk left behind
            drain(server)
            report.memory_mb[mode] = server.worker_memory_mb()
        finally:
            server.stop()
        report.recycled[mode] = server.replaced_for_memory()


def publish_programme(report: Report, work: Path) -> None:
    """publish_static into a directory of the bench's own, before any server runs."""
    output = work / "published"
    log(f"manage.py {static_path.PUBLISH_COMMAND} --output {output}")
    seconds, why_not = static_path.publish(
        PYTHON, ROOT, server_env(0, cache=False), output
    )
    if why_not:
        report.static_why_not = report.identical_why_not = why_not
        report.republish_why_not = why_not
        log(f"static path skipped: {why_not}")
        return
    report.published, report.publish_seconds = output, seconds
    log(f"published in {seconds:.0f} s")


DEPLOY_NGINX = ROOT / "deploy" / "nginx.conf"


def measure_static(
    report: Report,
    server: Server,
    duration: int,
    quick: bool,
    nginx: str | None,
    work: Path,
) -> None:
    """Published files vs Django, then through deploy/nginx.conf with wrk."""
    if report.published is None:
        return
    must = [e.path for e in report.endpoints]
    log("comparing published files with Django's answers")
    compared, mismatches, notes = static_path.compare_published(
        report.published / "current", server.port, must, 20 if quick else 200
    )
    report.compared, report.mismatches = compared, mismatches
    report.static_notes += notes
    log(f"{compared - len(mismatches)} of {compared} published files identical")
    why_not = None
    if nginx is None:
        why_not = "no nginx"
    elif not DEPLOY_NGINX.exists():
        why_not = "deploy/nginx.conf does not exist yet"
    if why_not:
        report.static_why_not = why_not
        log(f"static path not measured: {why_not}")
        return
    port = free_port()
    try:
        site = harness.substitute_deploy_conf(
            DEPLOY_NGINX.read_text(),
            gunicorn_port=server.port,
            listen_port=port,
            published=str(report.published),
        )
    except harness.DeployConfChanged as error:
        report.static_why_not = str(error)
        return
    prefix = work / "nginx-static"
    prefix.mkdir()
    (prefix / "alliance.conf").write_text(site)
    http = f"    include {prefix / 'alliance.conf'};"
    try:
        proxy = static_path.Nginx(nginx, prefix, http, port)
    except static_path.NginxFailed as error:
        report.static_why_not = f"nginx refused deploy/nginx.conf: {error}"
        log(report.static_why_not)
        return
    try:
        for endpoint, _ in endpoints_for(report, "cached", quick=True):
            file = static_path.published_file(report.published, endpoint.path)
            if file is None or not file.exists():
                if endpoint.conference == harness.TARGET_CONFERENCE:
                    report.unpublished.add(endpoint.name)
                continue
            # Only a file nginx itself sends counts: not one it passed to gunicorn.
            status, body = static_path.fetch(port, endpoint.path)
            if (status, body) != (200, file.read_bytes()):
                report.static_notes.append(
                    f"nginx did not send the published file for {endpoint.path} "
                    f"(answered {status}): not measured"
                )
                continue
            # The targets are the seed conference's; the 1,000-session one at 50.
            concurrencies = (10, 50) if endpoint.conference == "seed" else (50,)
            for connections in concurrencies:
                key = (endpoint.conference, endpoint.name, "static")
                run_wrk(report, proxy.base, key, endpoint.path, connections, duration)
    finally:
        proxy.stop()


def measure_republish(report: Report, work: Path) -> None:
    """The worker republishes a changed title: seconds until the file has it."""
    if report.published is None:
        return
    setup_django()
    from django.conf import settings

    if not hasattr(settings, static_path.PUBLISH_DIR_SETTING):
        report.republish_why_not = (
            f"no setting {static_path.PUBLISH_DIR_SETTING} "
            "(bench/static_path.py, PUBLISH_DIR_SETTING)"
        )
        return
    label = harness.TARGET_CONFERENCE
    endpoint = next(
        (
            e
            for e in report.endpoints
            if (e.conference, e.name) == (label, "session page")
        ),
        None,
    )
    if endpoint is None or label not in report.sessions:
        report.republish_why_not = "no session page measured"
        return
    file = static_path.published_file(report.published, endpoint.path)
    if file is None or not file.exists():
        report.republish_why_not = f"{endpoint.path} was not published"
        return
    from events.models import Session
    from events.services import save_session

    env = {
        **server_env(0, cache=True),
        static_path.PUBLISH_DIR_SETTING: str(report.published),
    }
    log(f"db_worker with {static_path.PUBLISH_DIR_SETTING}={report.published}")
    worker = static_path.start_worker(PYTHON, ROOT, env, work / "worker.log")
    session = Session.objects.get(pk=report.sessions[label])
    title = session.title_en
    marker = f"Republished {secrets.token_hex(4)}"
    waited = 30.0
    # This process saves the session: it asks for the publish, as the admin would.
    previous = getattr(settings, static_path.PUBLISH_DIR_SETTING)
    setattr(settings, static_path.PUBLISH_DIR_SETTING, str(report.published))
    try:
        session.title_en = marker
        save_session(session)
        seconds = static_path.wait_for(file, marker.encode(), True, waited)
        report.republish_seconds, report.republish_waited = seconds, waited
        log(
            f"new title published after {seconds} s"
            if seconds
            else f"new title not published within {waited:.0f} s"
        )
    finally:
        session.title_en = title
        save_session(session)
        static_path.wait_for(file, marker.encode(), False, waited)
        static_path.stop_worker(worker)
        setattr(settings, static_path.PUBLISH_DIR_SETTING, previous)


# --- Registration submit ------------------------------------------------------

REGISTRATION_INVITATIONS = 4000
REGISTRATION_CAPACITY = 300
REGISTRATION_CONCURRENCY = 20
# All requests come from 127.0.0.1: the per-address limits, which stop one address
# from guessing tokens or flooding the form, would answer 429 after a few dozen.
REGISTRATION_ENV = {
    "RATELIMIT_REGISTRATION": "10000000/h",
    "RATELIMIT_REGISTRATION_ADDRESS": "10000000/h",
    "RATELIMIT_TOKEN_LOOKUP": "10000000/h",
    "RATELIMIT_TOKEN_MISS": "10000000/h",
}


@dataclass
class RegistrationRun:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    statuses: dict[int, int]
    capacity: int
    in_person: int
    holding: int
    waitlisted: int

    @property
    def capacity_exact(self) -> bool:
        return self.holding == min(self.capacity, self.in_person)


def prepare_invitations(count: int) -> list[str]:
    """Fresh invitations to the generated conference, with their tokens.

    Through registration.services.invitations, as staff create them; earlier benchmark
    registrations and invitations of that conference are removed first.
    """
    setup_django()
    from events.models import Conference
    from registration.models import Invitation, Registration
    from registration.services.invitations import create_invitation
    from registration.services.rules import settings_for

    conference = Conference.objects.get(slug=BENCH_SLUG)
    Registration.objects.filter(conference=conference).delete()
    Invitation.objects.filter(conference=conference).delete()
    rules = settings_for(conference)
    rules.in_person_capacity = REGISTRATION_CAPACITY
    rules.deadline = None
    rules.requires_approval = False
    rules.save()
    return [
        create_invitation(
            conference=conference, name=f"Bench Invitee {i}", email=f"b{i}@example.org"
        )[1]
        for i in range(count)
    ]


def _cookies(response: "http.client.HTTPResponse") -> dict[str, str]:
    cookies = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


def registration_load(
    server: Server, tokens: list[str], concurrency: int, duration: int
) -> Run:
    """POST the registration form with wrk (bench/register.lua), one token each.

    A CSRF cookie and its form token are valid for any form of the same client, so
    one GET of a form gives them; each POST then sends a new token and a new
    submission key, as a browser does for a form it has just loaded.
    """
    from registration.links import invitation_url

    def path_of(token: str) -> str:
        return urllib.parse.urlsplit(invitation_url(token, "en")).path

    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    connection.request("GET", path_of(tokens[-1]))
    answer = connection.getresponse()
    html = answer.read().decode()
    connection.close()
    cookies = _cookies(answer)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if answer.status != 200 or match is None or not cookies:
        raise RuntimeError(f"registration form not usable: {answer.status}")
    cookie_header = "; ".join(f"{name}={value}" for name, value in cookies.items())
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as paths:
        paths.write("".join(f"{path_of(token)}\n" for token in tokens[:-1]))
        paths.flush()
        script = [str(ROOT / "bench" / "register.lua"), paths.name]
        script += [cookie_header, match.group(1), "2"]
        return wrk(server.base + "/", concurrency, duration, script=script)


def measure_registration(report: Report, duration: int) -> None:
    """Registration submits at concurrency 20, then check the capacity in the DB."""
    # More than the submits of a run (about 170 a second): fewer for short runs.
    count = min(REGISTRATION_INVITATIONS, max(1000, 400 * duration))
    log(f"registration: {count} invitations")
    tokens = prepare_invitations(count)
    server = Server(cache=True, extra_env=REGISTRATION_ENV)
    try:
        load = registration_load(server, tokens, REGISTRATION_CONCURRENCY, duration)
    finally:
        server.stop()
    report.recycled["registration"] = server.replaced_for_memory()
    from events.models import Conference
    from registration.models import Registration

    registrations = Registration.objects.filter(
        conference=Conference.objects.get(slug=BENCH_SLUG)
    )
    run = RegistrationRun(
        requests=load.requests,
        seconds=load.requests / load.requests_per_second if load.requests else 0.0,
        p50_ms=load.p50_ms,
        p99_ms=load.p99_ms,
        # wrk counts 4xx, 5xx and socket errors; any other answer but 302 also fails.
        errors=load.errors
        + sum(
            n for status, n in load.statuses.items() if status < 400 and status != 302
        ),
        statuses=load.statuses,
        capacity=REGISTRATION_CAPACITY,
        in_person=registrations.filter(attendance="in_person").count(),
        holding=registrations.holding_place().count(),
        waitlisted=registrations.filter(status=Registration.Status.WAITLISTED).count(),
    )
    report.registration = run
    log(
        f"registration c{REGISTRATION_CONCURRENCY}: {run.requests} submits in "
        f"{run.seconds:.1f} s, p50 {run.p50_ms:.0f} ms, p99 {run.p99_ms:.0f} ms, "
        f"statuses {run.statuses}, {run.holding} of {run.capacity} places held, "
        f"{run.waitlisted} waitlisted"
    )


def machine() -> list[str]:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())

    def version(*command: str) -> str:
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, check=False
            )
        except OSError:
            return "?"
        return (result.stdout or result.stderr).strip().splitlines()[0]

    import django
    import gunicorn

    setup_django()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return [
        f"CPU: {cpu}, {os.cpu_count()} cores; memory {int(memory.group(1)) // 1024} MB"
        if memory
        else f"CPU: {cpu}, {os.cpu_count()} cores",
        f"OS: {platform.platform()}",
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {gunicorn.__version__} ({WORKERS} sync workers)",
        f"PostgreSQL {postgres}, {version('redis-server', '--version')}",
        f"Load generator: {version('wrk', '--version')} on the same machine "
        "(it shares the two cores with gunicorn, PostgreSQL and Redis)",
    ]


MODES = ("cached", "static", "uncached")
MODE_LABELS = {
    "cached": "cached, Django",
    "static": "published, nginx",
    "uncached": "uncached, Django",
}


def shares(report: Report, run: Run, connections: int) -> str:
    """The two share cells of a row: of the trivial Django floor, of nginx."""
    return " | ".join(
        harness.format_share(
            run.requests_per_second,
            harness.floor_rate(report.runs, floor, connections),
        )
        for floor in ("trivial", "nginx")
    )


def write_results(report: Report, duration: int, started: float) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (bench/run.py) on "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, in "
        f"{(time.monotonic() - started) / 60:.1f} minutes. Each figure is one wrk run "
        f"of {duration} s on 127.0.0.1, against gunicorn with the production settings "
        "(DEBUG off, WhiteNoise, JSON logs, persistent database connections, Redis "
        "cache) or against nginx, and no TLS (it ends at the load balancer). The "
        "floors are measured in the same run as everything else.",
        "",
        "## Machine",
        "",
        *[f"- {line}" for line in machine()],
        "- Load average (1 min) when each server started: "
        + ", ".join(f"{mode} {load:.1f}" for mode, load in report.load.items())
        + " (other work on the machine shares the same cores).",
        "",
        "## Floors",
        "",
        "The same fixed 50 KB page three ways. **Trivial Django**: a one-file Django "
        "site (bench/trivial_app.py) with only SecurityMiddleware and "
        "CommonMiddleware, under the same gunicorn settings (deploy/gunicorn.conf.py, "
        f"{WORKERS} sync workers): what Django and gunicorn cost on this machine. "
        "**nginx static file**: Debian's nginx, 2 worker processes, no access log, "
        "the page as a file. **Our middleware stack**: /bench/floor/ (bench/urls.py) "
        "in the site's gunicorn, through every middleware of the site but no view "
        "work: what our stack adds to Django's. Every other figure is given as a "
        "share of the first two.",
        "",
        "| floor | conc. | req/s | share of trivial Django | p50 | p99 | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for key in (TRIVIAL_FLOOR, NGINX_FLOOR, PROJECT_FLOOR):
        for connections in (10, 50):
            run = report.runs.get((*key, connections))
            if run is None:
                lines.append(f"| {key[1]} | {connections} | not measured | | | | |")
                continue
            lines.append(
                f"| {key[1]} | {connections} | {run.requests_per_second:.0f} | "
                + harness.format_share(
                    run.requests_per_second,
                    harness.floor_rate(report.runs, "trivial", connections),
                )
                + f" | {run.p50_ms:.1f} ms | {run.p99_ms:.1f} ms | {run.errors} |"
            )
    for label, title in (
        ("seed", "Seed-sized conference (the 26th conference)"),
        (
            "1000",
            "Generated conference: 3 days, 20 rooms, 1,000 sessions, 2,500 people",
        ),
    ):
        endpoints = [e for e in report.endpoints if e.conference == label]
        if not endpoints:
            continue
        lines += [
            "",
            f"## {title}",
            "",
            "| endpoint | path | served | conc. | req/s | share of trivial Django | "
            "share of nginx | p50 | p99 | bytes/response | SQL queries/request | "
            "errors |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for endpoint in endpoints:
            for mode in MODES:
                for connections in (1, 10, 50):
                    run = report.runs.get((label, endpoint.name, mode, connections))
                    if run is None:
                        continue
                    queries = {
                        "cached": endpoint.cached_queries,
                        "uncached": endpoint.queries,
                        "static": 0,
                    }[mode]
                    lines.append(
                        f"| {endpoint.name} | `{endpoint.path}` | "
                        f"{MODE_LABELS[mode]} | {connections} | "
                        f"{run.requests_per_second:.1f} | "
                        f"{shares(report, run, connections)} | "
                        f"{run.p50_ms:.1f} ms | {run.p99_ms:.1f} ms | "
                        f"{run.bytes_per_response:,.0f} | {queries} | {run.errors} |"
                    )
        lines += [
            "",
            "Single uncached request, measured in-process (median of "
            f"{report.timings}, Django test "
            "client, no server):",
            "",
            *[
                f"- {e.name}: {e.serial_ms:.0f} ms, {e.queries} queries, "
                f"{e.body_bytes:,} bytes of body"
                for e in endpoints
            ],
        ]
    lines += ["", "## Static path", ""]
    if report.published is None:
        lines.append(f"Not measured: {report.static_why_not}.")
    else:
        lines.append(
            f"`manage.py {static_path.PUBLISH_COMMAND} --output DIR` took "
            f"{report.publish_seconds:.0f} s for every conference and language. "
            "The files are served by deploy/nginx.conf, in which the bench replaces "
            f"exactly `{harness.DEPLOY_UPSTREAM}` (by its gunicorn), "
            f"`{harness.DEPLOY_LISTEN}` (by a free port on 127.0.0.1) and "
            f"`{harness.DEPLOY_ROOT}` (by DIR), inside a main nginx.conf like the "
            "floor's (2 worker processes, no access log)."
        )
        if report.static_why_not:
            lines.append(f"Not served through nginx: {report.static_why_not}.")
        lines += ["", *[f"- {note}" for note in report.static_notes]]
        lines += [f"- mismatch: {m}" for m in report.mismatches[:20]]
    run = report.registration
    if run is not None:
        lines += [
            "",
            "## Registration submit",
            "",
            f"POSTs of the invitation form (`registration:invitation`), one fresh "
            f"invitation token per request, {REGISTRATION_CONCURRENCY} at a time for "
            f"{duration} s, sent by wrk with bench/register.lua (one GET of a form "
            "gives the CSRF cookie and form token that every POST carries, with its "
            "own submission key), against gunicorn with the production "
            "settings; the per-address rate limits are raised for the run, since "
            "every request comes from 127.0.0.1. Every submit asks for an "
            f"in-person place; the capacity is {run.capacity}.",
            "",
            "| submits | seconds | req/s | p50 | p99 | answers | errors |",
            "|---|---|---|---|---|---|---|",
            f"| {run.requests} | {run.seconds:.1f} | "
            f"{run.requests / (run.seconds or 1):.0f} | {run.p50_ms:.0f} ms | "
            f"{run.p99_ms:.0f} ms | "
            + ", ".join(f"{status}: {n}" for status, n in sorted(run.statuses.items()))
            + f" | {run.errors} |",
            "",
            f"Afterwards in the database: {run.in_person} in-person registrations, "
            f"{run.holding} holding a place (capacity {run.capacity}), "
            f"{run.waitlisted} on the waiting list: "
            + ("exact." if run.capacity_exact else "NOT exact."),
        ]
    verdicts = target_verdicts(report)
    met = sum(1 for v in verdicts if v.met)
    lines += [
        "",
        "## Targets",
        "",
        f"{met} of {len(verdicts)} met; "
        f"{sum(1 for v in verdicts if v.met is False)} not met; "
        f"{sum(1 for v in verdicts if v.met is None)} not measured. The cached and "
        f"static targets are judged on the {harness.TARGET_CONFERENCE} conference "
        "(a real conference's size); the 1,000-session conference's shares are in "
        "its table.",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        *[verdict.row for verdict in verdicts],
        "",
        "## Memory",
        "",
    ]
    for mode, sizes in report.memory_mb.items():
        lines.append(
            f"- per gunicorn worker after the {mode} runs: "
            + ", ".join(
                f"{rss:.0f} MB resident ({pss:.0f} MB PSS)" for rss, pss in sizes
            )
            + " (target: at most 150 MB resident)"
        )
    for mode, sizes in report.recycled.items():
        lines.append(
            f"- workers replaced during the {mode} runs for passing "
            f"GUNICORN_MAX_RSS_MB ({MAX_RSS_MB}): {len(sizes)}"
            + (f", at up to {max(sizes)} MB" if sizes else "")
        )
    if report.profiles:
        lines += [
            "",
            "## Where the uncached time goes",
            "",
            "pyinstrument, one request each on the 1,000-session conference; the "
            "full trees are in bench/profiles/. Functions with the most time of "
            "their own:",
            "",
        ]
        for name, spots in report.profiles.items():
            lines.append(f"- {name}: " + "; ".join(spots))
    if report.skipped:
        lines += ["", "## Skipped", "", *[f"- {line}" for line in report.skipped]]
    lines += ["", "## Notes", "", *[f"- {note}" for note in report.notes]]
    if ANALYSIS.exists():  # written by hand after a run: causes and remedies
        lines += [
            "",
            "The analysis below (bench/analysis.md) was written by hand after an "
            "earlier run: its figures are that run's, not this one's.",
            "",
            ANALYSIS.read_text().strip(),
        ]
    RESULTS.write_text("\n".join(lines) + "\n")
    log(f"wrote {RESULTS}")


MAX_RSS_MB = int(os.environ.get("GUNICORN_MAX_RSS_MB", "140"))


def target_verdicts(report: Report) -> list[harness.Verdict]:
    """Issue #18's targets, then the standing ones (queries, memory, registration)."""
    verdicts = harness.cached_verdicts(report.runs)
    verdicts += harness.static_verdicts(
        report.runs, report.static_why_not, frozenset(report.unpublished)
    )
    verdicts.append(
        harness.identical_verdict(
            report.compared, report.mismatches, report.identical_why_not
        )
    )
    verdicts.append(
        harness.republish_verdict(
            report.republish_seconds,
            waited=report.republish_waited,
            why_not=report.republish_why_not,
        )
    )
    verdicts += harness.pretalx_verdicts(report.runs)
    verdicts += harness.replacement_verdicts(report.recycled)
    for endpoint in report.endpoints:
        limit = harness.query_limit(endpoint.name)
        verdicts.append(
            harness.Verdict(
                f"{endpoint.conference} {endpoint.name}: ≤ {limit} SQL queries per "
                "request, uncached",
                str(endpoint.queries),
                (endpoint.queries or 0) <= limit,
            )
        )
    for mode, sizes in report.memory_mb.items():
        resident = [rss for rss, _ in sizes]
        if resident:
            verdicts.append(
                harness.Verdict(
                    f"worker memory after the {mode} runs ≤ 150 MB resident",
                    f"{max(resident):.0f} MB",
                    max(resident) <= 150,
                )
            )
    run = report.registration
    if run is None:
        verdicts.append(
            harness.Verdict(
                "registration submit: p99 ≤ 200 ms at c20, capacity exact",
                "not measured",
                None,
            )
        )
    else:
        verdicts.append(
            harness.Verdict(
                f"registration submit: p99 ≤ 200 ms at c{REGISTRATION_CONCURRENCY}",
                f"{run.p99_ms:.0f} ms",
                run.p99_ms <= 200 and run.errors == 0,
            )
        )
        verdicts.append(
            harness.Verdict(
                "registration submit: places held never exceed the capacity",
                f"{run.holding} held of {run.capacity}",
                run.capacity_exact,
            )
        )
    return verdicts


def main() -> None:
    global RESULTS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument(
        "--quick", action="store_true", help="2 s runs, English only, no profiles"
    )
    parser.add_argument("--keep-data", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="where to write the results"
    )
    args = parser.parse_args()
    duration = 2 if args.quick else args.duration
    if shutil.which("wrk") is None:
        sys.exit("make bench needs wrk (apt-get install wrk)")
    RESULTS = args.results.resolve()
    started = time.monotonic()
    report = Report()
    nginx, why_not = static_path.ensure_nginx(log)
    if why_not:
        report.notes.append(f"No nginx floor and no static path: {why_not}.")
        report.static_why_not = why_not
    prepare_data(args.keep_data)
    discover(report, russian=not args.quick)
    count_queries_and_time(
        report,
        profile=not (args.no_profile or args.quick),
        timings=1 if args.quick else 5,
    )
    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as work:
        workdir = Path(work)
        workdir.chmod(0o755)  # nginx's workers (nobody, under root) read in it
        measure_floors(report, duration, nginx, workdir)
        publish_programme(report, workdir)
        measure(report, duration, args.quick, nginx, workdir)
        measure_republish(report, workdir)
    try:
        measure_registration(report, duration)
    except RuntimeError as error:  # the other figures are still worth writing
        report.notes.append(f"Registration submit not measured: {error}.")
        log(f"registration not measured: {error}")
    report.notes += NOTES
    write_results(report, duration, started)


NOTES = [
    "wrk sends `Accept-Encoding: gzip, deflate, br` as phones and browsers do: "
    "cached pages go out gzipped (compressed once, when stored), so bytes/response "
    "is the compressed size; the uncompressed body size is in the single-request "
    "lines. Uncached responses and the floors are sent uncompressed; nginx sends a "
    "published file's .gz (or .br) copy when deploy/nginx.conf says so.",
    "Cached means the page cache of alliance/cache.py: anonymous GETs answered from "
    "Redis, keyed by programme version, URL, language and Accept.",
    "Uncached runs use PUBLIC_CACHE=0: the 1,000-session conference at concurrency "
    "1 and 10 (pretalx's figures are at those), the seed conference at 10; with "
    "two sync workers, more connections only queue. The per-request targets of the "
    "1,000-session conference are judged on the p99 at concurrency 1, one request "
    "at a time through gunicorn.",
    "The seed conference's Russian endpoints run cached at concurrency 50 only, "
    "and the 1,000-session conference's are counted in-process only: their texts "
    "are columns of the same rows, so their query counts and cost match the "
    "English ones (--quick leaves them out).",
    "Workers replaced for memory are read from each gunicorn's log (the "
    "post_request hook of deploy/gunicorn.conf.py logs each replacement), per "
    "phase; the production limit GUNICORN_MAX_RSS_MB applies throughout.",
    "Registration submit runs last, with its own gunicorn (page cache on, as in "
    "production; POSTs never use it) and wrk (bench/register.lua) on the same "
    "cores; the capacity rule under concurrent submits is also covered by "
    "tests/registration/test_concurrency.py.",
]


if __name__ == "__main__":
    main()
