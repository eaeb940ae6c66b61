"""deploy/nginx.conf serves the published files as Django would, and passes the rest.

Runs Debian's nginx (``make test`` installs it as root) on a free port with the
configuration as shipped, the three strings a deployment changes substituted.
"""

import gzip
import http.client
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.db import transaction

from events.publishing import publish
from tests.events.test_publishing import make_programme

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONF = Path(settings.BASE_DIR) / "deploy/nginx.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not Path(NGINX).exists(),
        reason="nginx is not installed (apt-get install nginx-light; make test does)",
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FakeDjango(BaseHTTPRequestHandler):
    """Stands for gunicorn: says who answered, and what it was asked."""

    def do_GET(self) -> None:
        body = f"django {self.command} {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def nginx(django_db_setup, django_db_blocker, tmp_path_factory):
    """nginx on a free port over a freshly published site, gunicorn faked."""
    tmp_path = tmp_path_factory.mktemp("nginx")
    with django_db_blocker.unblock(), transaction.atomic():
        make_programme()
        publish(tmp_path / "published")
        transaction.set_rollback(True)
    upstream = HTTPServer(("127.0.0.1", 0), FakeDjango)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = free_port()
    conf = CONF.read_text()
    for literal in ("web:8000", "listen 8080", "/srv/alliance/published"):
        assert conf.count(literal) == 1, literal
    conf = (
        conf.replace("web:8000", f"127.0.0.1:{upstream.server_port}")
        .replace("listen 8080", f"listen 127.0.0.1:{port}")
        .replace("/srv/alliance/published", str(tmp_path / "published"))
    )
    brotli_on = BROTLI_MODULE.exists()
    if brotli_on:
        conf = conf.replace("# brotli_static on;", "brotli_static on;")
    (tmp_path / "alliance.conf").write_text(conf)
    load = f"load_module {BROTLI_MODULE};" if brotli_on else ""
    (tmp_path / "nginx.conf").write_text(
        f"""{load}
user root;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include {tmp_path}/alliance.conf;
}}
"""
    )
    server = subprocess.Popen(  # noqa: S603 -- fixed arguments
        [NGINX, "-p", tmp_path, "-c", tmp_path / "nginx.conf", "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    for _attempt in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read().decode()
            time.sleep(0.1)
    yield {"port": port, "root": tmp_path / "published/current", "brotli": brotli_on}
    server.terminate()
    server.wait(timeout=10)
    server.stderr.close()
    upstream.shutdown()
    upstream.server_close()


def get(port: int, path: str, method: str = "GET", **headers: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


@pytest.mark.parametrize(
    ("path", "file", "content_type"),
    [
        (
            "/en/alliance-2026/programme/",
            "en/alliance-2026/programme/index.html",
            "text/html; charset=utf-8",
        ),
        (
            "/ru/alliance-2026/sessions/opening/",
            "ru/alliance-2026/sessions/opening/index.html",
            "text/html; charset=utf-8",
        ),
        (
            "/feeds/alliance-2026/schedule.ics",
            "feeds/alliance-2026/schedule.ics",
            "text/calendar; charset=utf-8",
        ),
        (
            "/feeds/alliance-2026/schedule.xml",
            "feeds/alliance-2026/schedule.xml",
            "application/xml; charset=utf-8",
        ),
        (
            "/feeds/alliance-2026/schedule.json",
            "feeds/alliance-2026/schedule.json",
            "application/json; charset=utf-8",
        ),
        (
            "/de/alliance-2026/programme.pdf",
            "de/alliance-2026/programme.pdf",
            "application/pdf",
        ),
    ],
)
def test_published_files_are_served_with_django_s_type(nginx, path, file, content_type):
    expected = (nginx["root"] / file).read_bytes()
    plain, body = get(nginx["port"], path)
    assert (plain.status, body) == (200, expected)
    assert plain.getheader("Content-Type") == content_type
    assert plain.getheader("X-Static") == "published"
    assert plain.getheader("ETag")
    assert plain.getheader("X-Frame-Options") == "DENY"
    assert "frame-ancestors 'none'" in plain.getheader("Content-Security-Policy")
    zipped, body = get(nginx["port"], path, **{"Accept-Encoding": "gzip"})
    assert zipped.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body) == expected
    assert zipped.getheader("Content-Type") == content_type
    if nginx["brotli"]:
        squeezed, body = get(nginx["port"], path, **{"Accept-Encoding": "br"})
        assert squeezed.getheader("Content-Encoding") == "br"
        assert brotli.decompress(body) == expected
    current, _body = get(
        nginx["port"], path, **{"If-None-Match": plain.getheader("ETag")}
    )
    assert current.status == 304


def test_pages_name_their_language_and_revalidate(nginx):
    response, _body = get(nginx["port"], "/ru/alliance-2026/programme/")
    assert response.getheader("Content-Language") == "ru"
    assert response.getheader("Cache-Control") == "no-cache"


def test_feeds_follow_accept_language(nginx):
    path = "/feeds/alliance-2026/schedule.xml"
    russian = nginx["root"] / "_accept-language/ru/feeds/alliance-2026/schedule.xml"
    response, body = get(nginx["port"], path, **{"Accept-Language": "ru-RU,ru;q=0.9"})
    assert body == russian.read_bytes()
    assert response.getheader("Content-Language") == "ru"
    assert response.getheader("Cache-Control") == "public, max-age=300"
    english, body = get(nginx["port"], path, **{"Accept-Language": "en-GB"})
    assert body == (nginx["root"] / "feeds/alliance-2026/schedule.xml").read_bytes()
    assert english.getheader("Content-Language") == "en"
    _response, body = get(nginx["port"], path, **{"Accept-Language": "fr, ru;q=0.5"})
    assert body == f"django GET {path}".encode()


def test_the_session_calendar_downloads(nginx):
    response, _body = get(nginx["port"], "/en/alliance-2026/sessions/opening.ics")
    assert response.getheader("Content-Disposition") == (
        'attachment; filename="opening.ics"'
    )


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/feeds/alliance-2026/schedule.ics?lang=ru", {}),
        ("GET", "/en/alliance-2026/programme/?day=2026-04-20", {}),
        ("GET", "/en/alliance-2026/programme/", {"Cookie": "sessionid=abc"}),
        ("GET", "/en/alliance-2026/programme/", {"Authorization": "Token abc"}),
        ("POST", "/en/alliance-2026/programme/", {}),
        ("GET", "/en/admin/", {}),
        ("GET", "/api/v1/sessions/", {}),
        ("GET", "/en/alliance-2026/sessions/draft-side-event/", {}),
    ],
)
def test_everything_else_goes_to_django(nginx, method, path, headers):
    response, body = get(nginx["port"], path, method, **headers)
    assert body == f"django {method} {path}".encode()
    assert response.getheader("X-Static") == "django"


@pytest.mark.parametrize(
    "path",
    [
        "/_accept-language/ru/feeds/alliance-2026/schedule.ics",
        "/.alliance-release.json",
    ],
)
def test_the_release_s_inner_files_are_not_public(nginx, path):
    response, _body = get(nginx["port"], path)
    assert response.status == 404
