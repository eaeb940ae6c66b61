"""The bench's nginx and comparison of published files, on a hand-made site.

A published directory and a conf of deploy/nginx.conf's shape (an upstream
``web:8000``, ``listen 8080``, the root under /srv/alliance/published), run by the
bench's own Nginx on loopback; a tiny HTTP server stands in for Django.
"""

import gzip
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from bench import harness, static_path
from bench.floor import FLOOR_PAGE
from bench.run import free_port

DEPLOY_SHAPE = """\
upstream alliance_web { server web:8000; }
server {
    listen 8080;
    root /srv/alliance/published/current;
    gzip_static on;
    etag on;
    location / { try_files $uri $uri/index.html @django; }
    location @django { proxy_pass http://alliance_web; }
}
"""
PROGRAMME = "<!doctype html><p>Программа / programme</p>\n".encode()
FEED = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"

needs_nginx = pytest.mark.skipif(
    static_path.nginx_binary() is None,
    reason="nginx is not installed (make bench installs it as root)",
)


@pytest.fixture
def work():
    # Not pytest's tmp_path: its parents are private, and nginx's workers run as
    # nobody when the tests run as root.
    directory = Path(tempfile.mkdtemp(prefix="alliance-bench-test-"))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory)


@pytest.fixture
def published(work):
    current = work / "published" / "site-1"
    (current / "en" / "conf" / "programme").mkdir(parents=True)
    (current / "feeds" / "conf").mkdir(parents=True)
    page = current / "en" / "conf" / "programme" / "index.html"
    page.write_bytes(PROGRAMME)
    page.with_name("index.html.gz").write_bytes(gzip.compress(PROGRAMME))
    (current / "feeds" / "conf" / "schedule.ics").write_bytes(FEED)
    (work / "published" / "current").symlink_to("site-1")
    static_path.readable(work / "published")
    return work / "published"


class FakeDjango(http.server.BaseHTTPRequestHandler):
    """Answers what the published files hold, except where told otherwise."""

    answers: dict[str | tuple[str, str], bytes] = {}

    def do_GET(self):
        language = self.headers.get("Accept-Language")
        body = self.answers.get(
            (self.path, language),
            self.answers.get(self.path, b"from django " + self.path.encode()),
        )
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def django():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeDjango)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def fetch(port, url, **headers):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", url, headers=headers)
    answer = connection.getresponse()
    try:
        return answer.status, dict(answer.getheaders()), answer.read()
    finally:
        connection.close()


@needs_nginx
def test_the_deploy_conf_serves_published_files_and_passes_the_rest(
    work, published, django
):
    port = free_port()
    site = harness.substitute_deploy_conf(
        DEPLOY_SHAPE,
        gunicorn_port=django.server_address[1],
        listen_port=port,
        published=str(published),
    )
    (work / "nginx").mkdir()
    (work / "nginx" / "alliance.conf").write_text(site)
    nginx = static_path.Nginx(
        static_path.nginx_binary(),
        work / "nginx",
        f"    include {work / 'nginx' / 'alliance.conf'};",
        port,
    )
    try:
        plain = fetch(port, "/en/conf/programme/")
        gzipped = fetch(port, "/en/conf/programme/", **{"Accept-Encoding": "gzip"})
        feed = fetch(port, "/feeds/conf/schedule.ics")
        other = fetch(port, "/api/v1/sessions/?conference=conf")
    finally:
        nginx.stop()

    assert (plain[0], plain[1]["Content-Type"], plain[2]) == (
        200,
        "text/html",
        PROGRAMME,
    )
    assert gzipped[1]["Content-Encoding"] == "gzip"
    assert gzip.decompress(gzipped[2]) == PROGRAMME
    assert (feed[0], feed[2]) == (200, FEED)
    assert other == (
        200,
        other[1],
        b"from django /api/v1/sessions/?conference=conf",
    )
    assert nginx.process.returncode == 0


@needs_nginx
def test_the_nginx_floor_serves_the_floor_page(work):
    root = work / "floor"
    (root / "bench" / "floor").mkdir(parents=True)
    (root / "bench" / "floor" / "index.html").write_bytes(FLOOR_PAGE)
    port = free_port()
    nginx = static_path.Nginx(
        static_path.nginx_binary(),
        work / "nginx",
        harness.nginx_floor_http(port, str(root)),
        port,
    )
    try:
        status, _headers, body = fetch(port, "/bench/floor/")
    finally:
        nginx.stop()

    assert (status, body) == (200, FLOOR_PAGE)


@needs_nginx
def test_nginx_that_refuses_its_conf_says_why(work):
    with pytest.raises(static_path.NginxFailed, match="unknown directive"):
        static_path.Nginx(
            static_path.nginx_binary(), work / "nginx", "    no_such_thing on;", 1
        )


def test_published_files_are_compared_with_djangos_answers(published, django):
    FakeDjango.answers = {
        "/en/conf/programme/": PROGRAMME,
        "/feeds/conf/schedule.ics": FEED + b"X",
    }

    compared, mismatches, notes = static_path.compare_published(
        published / "current",
        django.server_address[1],
        must=["/en/conf/programme/", "/api/v1/sessions/?conference=conf"],
        sample=5,
    )

    assert compared == 2
    assert mismatches == [
        "/feeds/conf/schedule.ics: differs from byte 32 (32 published, 33 from Django)"
    ]
    assert notes[0] == (
        "2 files published; 2 compared (1 of the measured endpoints, the others "
        "chosen at random)"
    )
    assert "not published as files: /api/v1/sessions/?conference=conf" in notes
    assert "compared files without a .br copy: 1" in notes


def test_a_corrupt_compressed_copy_is_a_mismatch(published, django):
    page = published / "current" / "en" / "conf" / "programme" / "index.html.gz"
    page.write_bytes(gzip.compress(b"stale"))
    FakeDjango.answers = {"/en/conf/programme/": PROGRAMME}

    _, mismatches, _ = static_path.compare_published(
        published / "current", django.server_address[1], ["/en/conf/programme/"], 0
    )

    assert mismatches == ["/en/conf/programme/.gz: decompressed, differs"]


def test_the_trivial_floor_is_django_with_the_common_middleware_only():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "from bench.trivial_app import application\n"
        "from django.conf import settings\n"
        "from django.test import Client\n"
        "r = Client().get('/bench/floor/')\n"
        "print(r.status_code, len(r.content), settings.MIDDLEWARE)\n"
    )

    done = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )

    assert done.stdout.strip() == (
        "200 51200 ['django.middleware.security.SecurityMiddleware', "
        "'django.middleware.common.CommonMiddleware']"
    )


def test_a_feed_published_per_language_is_compared_in_that_language(published, django):
    russian = published / "current" / "_accept-language" / "ru" / "feeds" / "conf"
    russian.mkdir(parents=True)
    (russian / "schedule.ics").write_bytes(FEED.replace(b"END", b"END;RU"))
    FakeDjango.answers = {
        "/en/conf/programme/": PROGRAMME,
        "/feeds/conf/schedule.ics": FEED,
        ("/feeds/conf/schedule.ics", "ru"): FEED.replace(b"END", b"END;RU"),
    }

    compared, mismatches, _ = static_path.compare_published(
        published / "current", django.server_address[1], [], sample=5
    )

    # Asked without Accept-Language, the Russian copy would differ.
    assert (compared, mismatches) == (3, [])
