"""The production stack: settings that pass `check --deploy`, gunicorn, serve, compose.

The subprocess tests start the real commands with production environment variables
(DEBUG off, a long random SECRET_KEY), on a throwaway SQLite file and local-memory
cache, so they need neither PostgreSQL nor Redis and finish in seconds.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PYTHON = sys.executable
LOCAL_SETTINGS = {
    "DEBUG",
    "TESTING",
    "DATABASE_URL",
    "CACHE_URL",
    "REDIS_URL",
    "PUBLIC_CACHE",
    "LOG_FORMAT",
}


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "SECURE_", "SESSION_", "CSRF_"))
        and key not in LOCAL_SETTINGS
    }
    production = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "conference.example.org,127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "EMAIL_URL": "smtp+tls://mailer:secret@mail.example.org:587",
    }
    return inherited | production | extra


def manage(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (fixed commands)
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=production_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_pass_check_deploy_without_warning(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_default_secret_key_fails_check_deploy(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="django-insecure-local-development-key-change-me-in-production",
    )

    assert result.returncode == 1
    assert "security.W009" in result.stderr


PRINT_SETTINGS = (
    "from django.conf import settings as s; import json; print(json.dumps(["
    "s.STORAGES['staticfiles']['BACKEND'], s.SECURE_SSL_REDIRECT, "
    "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.LOGGING['handlers']['console']['formatter']]))"
)


def test_production_defaults_are_safe_when_debug_is_off(tmp_path):
    result = manage(tmp_path, "shell", "--no-imports", "-c", PRINT_SETTINGS)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        True,
        31536000,
        True,
        True,
        "json",
    ]


def test_a_local_run_keeps_plain_http_and_plain_static_files(tmp_path):
    result = manage(tmp_path, "shell", "--no-imports", "-c", PRINT_SETTINGS, DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "django.contrib.staticfiles.storage.StaticFilesStorage",
        False,
        0,
        False,
        False,
        "text",
    ]


def test_the_test_suite_needs_no_collectstatic_and_no_https():
    assert settings.STORAGES["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    assert settings.SECURE_SSL_REDIRECT is False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """GET a local URL as it is answered, without following redirects."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (local URL)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def gunicorn(tmp_path):
    """The production web command, one worker, on a free port."""
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen(  # noqa: S603
        [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "alliance.wsgi"],
        cwd=ROOT,
        env=production_env(
            tmp_path,
            GUNICORN_BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY="1",
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    try:
        yield base, log
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_gunicorn_serves_healthz_with_production_settings(gunicorn):
    base, log = gunicorn

    status, headers, body = fetch(f"{base}/healthz", {"Host": "127.0.0.1"})
    secure_status, secure_headers, _ = fetch(
        f"{base}/healthz", {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    )
    page_status, page_headers, _ = fetch(
        f"{base}/en/", {"Host": "conference.example.org"}
    )

    assert (status, json.loads(body)) == (200, {"database": "ok", "cache": "ok"})
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert secure_status == 200
    assert secure_headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert (page_status, page_headers["Location"]) == (
        301,
        "https://conference.example.org/en/",
    )
    log.seek(0)
    lines = [line for line in log.read().splitlines() if line.startswith("{")]
    records = [json.loads(line) for line in lines]
    assert any(record["message"].startswith("Booting worker") for record in records)
    assert any('"GET /healthz HTTP/1.1" 200' in r["message"] for r in records)


def test_serve_runs_migrations_static_files_worker_and_gunicorn(tmp_path):
    result = subprocess.run(
        ["bash", "deploy/serve.sh", "--dry-run"],  # noqa: S607
        cwd=ROOT,
        env=production_env(tmp_path, PORT="8123"),
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 0, result.stderr
    commands = [line for line in result.stdout.splitlines() if line.startswith("+ ")]
    assert [command.split(" ", 3)[3] for command in commands] == [
        "migrate --no-input",
        "collectstatic --no-input --verbosity 0",
        "db_worker --queue-name * &",
        "gunicorn -c deploy/gunicorn.conf.py alliance.wsgi  # on 127.0.0.1:8123",
    ]


def test_serve_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]

    result = subprocess.run(
        ["bash", "deploy/serve.sh"],  # noqa: S607
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )

    if (ROOT / ".env").exists() and "SECRET_KEY=" in (ROOT / ".env").read_text():
        pytest.skip("a local .env gives a SECRET_KEY")
    assert result.returncode == 2
    assert "set SECRET_KEY" in result.stderr


def test_compose_runs_web_worker_postgres_and_redis_with_a_volume():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]

    assert sorted(services) == [
        "db",
        "migrate",
        "minio",  # S3-compatible store for uploaded documents
        "minio-bucket",
        "nginx",  # the published static site in front of web
        "publish",  # its first release
        "redis",
        "web",
        "worker",
    ]
    assert services["web"]["command"][0] == "gunicorn"
    assert services["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]
    assert services["db"]["volumes"] == ["pgdata:/var/lib/postgresql/data"]
    assert list(compose["volumes"]) == ["pgdata", "uploads", "published"]
    assert services["nginx"]["volumes"] == [
        "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro",
        "published:/srv/alliance/published:ro",
    ]
    assert services["worker"]["volumes"] == ["published:/srv/alliance/published"]
    assert (
        services["worker"]["environment"]["PUBLISH_STATIC_DIR"]
        == "/srv/alliance/published"
    )
    assert services["web"]["environment"]["REDIS_URL"] == "redis://redis:6379/0"
