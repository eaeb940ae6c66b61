# A local tool running fixed commands (nginx, apt-get, manage.py) on 127.0.0.1, in
# its own directories, with a seeded sample (not a secret):
# ruff: noqa: S603, S607, S103, S311
"""The nginx side of `make bench`: the static floor and the published programme.

- ``ensure_nginx`` finds Debian's nginx, installing it (nginx-light) as root when it
  is missing, as the Makefile does for wrk.
- ``Nginx`` runs one nginx with a generated nginx.conf in the bench's own directory
  and stops it.
- ``publish`` runs ``manage.py publish_static --output DIR``; ``compare_published``
  fetches the same URLs from Django and compares bytes (the .gz and .br copies
  decompressed); ``time_republish`` runs ``manage.py db_worker`` with the publishing
  directory set, changes a session's title and times until the published file has it.

Each returns a reason instead of a figure when the piece it measures does not exist
yet, and bench/RESULTS.md names it.
"""

import gzip
import http.client
import os
import random
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from bench.harness import (
    COMPRESSED_SUFFIXES,
    first_difference,
    nginx_main_conf,
    published_path,
    url_of_published,
)

# The setting (an environment variable of the same name) that tells the worker where
# to republish: the publishing engineer's name for it, in alliance/settings.py.
PUBLISH_DIR_SETTING = "PUBLISH_STATIC_DIR"
PUBLISH_COMMAND = "publish_static"
NGINX_PACKAGES = ("nginx-light", "nginx")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None
    )


def ensure_nginx(log: Callable[[str], None]) -> tuple[str | None, str | None]:
    """(path of nginx, None), or (None, why not)."""
    found = nginx_binary()
    if found:
        return found, None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return None, "nginx is not installed (sudo apt-get install nginx-light)"

    def apt_get(*args: str) -> bool:
        return subprocess.run(["apt-get", *args], capture_output=True).returncode == 0

    updated = False
    for package in NGINX_PACKAGES:
        log(f"installing {package} from Debian")
        installed = apt_get("install", "-y", "-qq", package)
        if not installed and not updated:
            updated = apt_get("update", "-qq")
            installed = apt_get("install", "-y", "-qq", package)
        if installed and nginx_binary():
            return nginx_binary(), None
    return None, "could not install nginx (apt-get install nginx-light failed)"


def readable(root: Path) -> None:
    """Let nginx's workers (nobody, when the bench runs as root) read ``root``."""
    for directory, _dirs, files in os.walk(root):
        os.chmod(directory, 0o755)
        for name in files:
            path = Path(directory) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | 0o444)


class NginxFailed(RuntimeError):
    pass


class Nginx:
    """One nginx process on 127.0.0.1:``port``, all its files in ``prefix``."""

    def __init__(self, binary: str, prefix: Path, http: str, port: int) -> None:
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        prefix.mkdir(parents=True, exist_ok=True)
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / f"{kind}_temp").mkdir(exist_ok=True)
        readable(prefix)
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(nginx_main_conf(str(prefix), http))
        command = [binary, "-p", str(prefix), "-c", str(self.conf)]
        command += ["-e", str(prefix / "error.log")]
        test = subprocess.run(
            [*command, "-t"], capture_output=True, text=True, check=False
        )
        if test.returncode != 0:
            said = test.stderr.strip().splitlines() or ["no output"]
            raise NginxFailed(next((x for x in said if "[emerg]" in x), said[-1]))
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise NginxFailed(f"nginx exited: see {prefix / 'error.log'}")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.1)
        self.stop()
        raise NginxFailed(f"nginx did not listen on {port}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finish, then exit
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def publish(
    python: str, root: Path, env: dict[str, str], output: Path
) -> tuple[float | None, str | None]:
    """Run publish_static into ``output``: (seconds, None) or (None, why not)."""
    start = time.monotonic()
    done = subprocess.run(
        [python, "manage.py", PUBLISH_COMMAND, "--output", str(output)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - start
    if done.returncode != 0:
        if "Unknown command" in done.stderr:
            return None, f"`manage.py {PUBLISH_COMMAND}` does not exist yet"
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"`manage.py {PUBLISH_COMMAND}` failed: {last}"
    if not (output / "current").is_dir():
        return None, f"`manage.py {PUBLISH_COMMAND}` wrote no {output}/current"
    readable(output)
    return seconds, None


def _decompressors() -> dict[str, Callable[[bytes], bytes] | None]:
    brotli_decompress = None
    for module in ("brotli", "brotlicffi"):
        try:
            brotli_decompress = __import__(module).decompress
            break
        except ImportError:
            continue
    if brotli_decompress is None and shutil.which("brotli"):

        def brotli_decompress(data: bytes) -> bytes:
            return subprocess.run(
                ["brotli", "-d", "-c"], input=data, capture_output=True, check=True
            ).stdout

    return {".gz": gzip.decompress, ".br": brotli_decompress}


# The host the bench's processes know the site by (SITE_URL, in ALLOWED_HOSTS), so
# that absolute links in published files and in Django's answers agree.
SITE_URL = "http://localhost"


def fetch(port: int, url: str, language: str | None = None) -> tuple[int, bytes]:
    """One GET from 127.0.0.1, uncompressed, no cookies, redirects not followed."""
    headers = {"Accept-Encoding": "identity", "Host": SITE_URL.split("//", 1)[1]}
    if language:
        headers["Accept-Language"] = language
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", url, headers=headers)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def compare_published(
    current: Path, django_port: int, must: list[str], sample: int
) -> tuple[int, list[str], list[str]]:
    """Compare published files with Django's answers for the same URLs.

    Every file of ``must`` (the measured endpoints' URLs) plus ``sample`` others
    chosen at random (seeded, so that runs compare the same ones). Returns (files
    compared, mismatches, notes).
    """
    files: dict[tuple[str, str | None], PurePosixPath] = {}
    for directory, _dirs, names in os.walk(current, followlinks=True):
        for name in names:
            relative = PurePosixPath(
                Path(directory, name).relative_to(current).as_posix()
            )
            request = url_of_published(relative)
            if request is not None:
                files[request] = relative
    measured = [(url, None) for url in must if (url, None) in files]
    others = sorted(set(files) - set(measured), key=str)
    chosen = measured + random.Random(18).sample(others, min(sample, len(others)))
    decompress = _decompressors()
    mismatches: list[str] = []
    missing: dict[str, int] = dict.fromkeys(COMPRESSED_SUFFIXES, 0)
    for url, language in chosen:
        path = current / files[(url, language)]
        body = path.read_bytes()
        status, answer = fetch(django_port, url, language)
        where = f"{url} (Accept-Language: {language})" if language else url
        if status != 200:
            mismatches.append(f"{where}: Django answered {status}")
            continue
        offset = first_difference(body, answer)
        if offset is not None:
            mismatches.append(
                f"{where}: differs from byte {offset} ({len(body)} published, "
                f"{len(answer)} from Django)"
            )
            continue
        for suffix in COMPRESSED_SUFFIXES:
            copy = path.with_name(path.name + suffix)
            if not copy.exists():
                missing[suffix] += 1
                continue
            unpack = decompress[suffix]
            if unpack is None:
                continue
            if unpack(copy.read_bytes()) != answer:
                mismatches.append(f"{where}{suffix}: decompressed, differs")
    notes = [
        f"{len(files)} files published; {len(chosen)} compared "
        f"({len(measured)} of the measured endpoints, the others chosen at random)"
    ]
    unpublished = [url for url in must if (url, None) not in files]
    if unpublished:
        notes.append("not published as files: " + ", ".join(unpublished))
    for suffix, count in missing.items():
        if count:
            notes.append(f"compared files without a {suffix} copy: {count}")
    if decompress[".br"] is None:
        notes.append(".br copies not checked: no brotli module or command")
    return len(chosen), mismatches, notes


def start_worker(
    python: str, root: Path, env: dict[str, str], log_path: Path
) -> subprocess.Popen:
    """`manage.py db_worker` as deploy/serve.sh starts it, ready to take jobs."""
    log = log_path.open("w")
    worker = subprocess.Popen(
        [python, "manage.py", "db_worker", "--queue-name", "*"],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and worker.poll() is None:
        if "Starting worker" in log_path.read_text():
            time.sleep(1.5)  # its random start-up delay is at most 1 s
            return worker
        time.sleep(0.2)
    stop_worker(worker)
    raise RuntimeError(f"db_worker did not start: see {log_path}")


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def wait_for(file: Path, marker: bytes, present: bool, timeout: float) -> float | None:
    """Seconds until ``marker`` is (or is no longer) in ``file``; None: timed out."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            found = marker in file.read_bytes()
        except OSError:  # between the switch of the symlink and the new file
            found = not present
        if found == present:
            return time.monotonic() - start
        time.sleep(0.1)
    return None


def published_file(output: Path, url: str) -> Path | None:
    relative = published_path(url)
    return None if relative is None else output / "current" / relative
