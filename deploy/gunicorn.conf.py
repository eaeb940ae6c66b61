"""Gunicorn settings for the web processes, read from the environment.

The same file serves `make serve`, the Docker image and `make bench`. Web processes
keep nothing on disk: sessions and the page cache live in PostgreSQL and Redis, so
any number of them can run behind a load balancer.
"""

import ctypes
import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"  # requests are short: answers come from Redis or indexed reads
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Load the app once in the master, then fork: workers share its memory pages.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# Recycle each worker now and then, so that memory stays flat over the conference.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# The load balancer in front sets X-Forwarded-For and X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No control socket in the home folder: signals are enough, and several servers
# (the bench, the tests) may run side by side on one machine.
control_socket_disable = True
# Heartbeat files in memory, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Logs: one JSON object per line on stdout, like the application's own.
_json = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
    "rename_fields": {"asctime": "time", "levelname": "level"},
}
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") == "1" else None
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": _json},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {
            "handlers": ["stdout"] if accesslog else [],
            "level": "INFO",
            "propagate": False,
        },
    },
}


# glibc raises its mmap threshold after large blocks are freed, and then keeps the
# multi-megabyte bodies of cached feeds on the heap, where they fragment it: a fixed
# threshold sends every block over 256 KB back to the system as soon as it is freed.
try:
    _libc = ctypes.CDLL("libc.so.6")
    _libc.mallopt(-3, 256 * 1024)  # M_MMAP_THRESHOLD
    _libc.mallopt(-1, 1024 * 1024)  # M_TRIM_THRESHOLD
except OSError:  # not glibc
    pass

# Memory: a worker that has just built a very large answer (the whole-conference
# feeds of a 1,000-session event) keeps that memory. When its resident size passes
# GUNICORN_MAX_RSS_MB, it finishes the request and is replaced by a fresh fork of the
# master, which is quick because the app is preloaded (uWSGI's reload-on-rss).
max_rss_mb = int(os.environ.get("GUNICORN_MAX_RSS_MB", "140"))
_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 1024 / 1024 if hasattr(os, "sysconf") else 0


def _resident_mb() -> float:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * _PAGE_MB
    except OSError:  # not Linux: no check
        return 0.0


def post_request(worker, req, environ, resp):
    if max_rss_mb and _resident_mb() > max_rss_mb:
        worker.log.info(
            "Worker %s uses %.0f MB (over %s MB): replacing it",
            worker.pid,
            _resident_mb(),
            max_rss_mb,
        )
        worker.alive = False


def when_ready(server):
    # The preloaded app's objects are never collected: keep them out of the
    # collector's way, so that forked workers share their memory pages longer.
    gc.freeze()
