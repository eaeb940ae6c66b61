"""Settings for Alliance, read from environment variables (django-environ).

With no DATABASE_URL the app runs on a SQLite file in the project folder, so a
fresh checkout needs no database server; production and CI set DATABASE_URL.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from alliance.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The test suite runs with DEBUG off but over plain http and without collectstatic.
TESTING = env.bool("TESTING", default="pytest" in sys.modules)
SECRET_KEY = env.str(
    "SECRET_KEY",
    default="django-insecure-local-development-key-change-me-in-production",
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin, so that its admin classes and fallbacks are in place.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_tasks_db",
    "django_ratelimit",
    "reversion",
    "reversion_compare",
    "axes",
    "events",
    "outbox",
    "speakers",
    "registration",
    "proposals",
    "organisers",
    "webhooks",
    "alliance",
]

MIDDLEWARE = [
    # First: answers anonymous public GETs from the shared cache with the stack's own
    # stored answer, before any other middleware runs (alliance/cache.py).
    "alliance.cache.PublicCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A database that does not answer gives a 503 (JSON under /api/), not a 500.
    "alliance.middleware.DatabaseUnavailableMiddleware",
    # NUL characters in the address, query or API body: a 400 (PostgreSQL refuses).
    "alliance.middleware.RejectNulMiddleware",
    # Per-address limit on staff login attempts (RATELIMIT_STAFF_LOGIN).
    "alliance.middleware.StaffLoginRateLimitMiddleware",
    # Absolute links follow the request's host and port where SITE_URL is unset.
    "alliance.middleware.SiteOriginMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # ?lang= on the API and the feeds (alliance/languages.py; the page cache keys it).
    "alliance.languages.RequestedLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Every non-GET request becomes one revision of the audit trail, with its user
    # (alliance/audit.py: the invitee's registration writes its own).
    "alliance.audit.AuditRevisionMiddleware",
    # Last, as django-axes asks: turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one username from one address lock both for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# `make bench` serves the site with bench/urls.py, which adds its floor page.
ROOT_URLCONF = env.str("ROOT_URLCONF", default="alliance.urls")
WSGI_APPLICATION = "alliance.wsgi.application"
ASGI_APPLICATION = "alliance.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alliance.context_processors.secretariat",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Production keeps each worker's connection open (no new connection per request).
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0 if DEBUG or TESTING else 60)
)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
# No server-side cursors: a connection pooler in transaction mode (PgBouncer, as
# managed PostgreSQL offers) cannot keep them, and a small .iterator(), such as the
# audit trail's copy of a registration's side events, takes one round trip, not three.
DATABASES["default"].setdefault("DISABLE_SERVER_SIDE_CURSORS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("de", _("German")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The programme's content (titles, descriptions, names) exists in English and
# Russian (events/translation.py); a German reader sees the English text.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ru")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
CONTENT_LANGUAGES = MODELTRANSLATION_LANGUAGES
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Vienna")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded documents and speakers' photos. The filesystem by default; any
# S3-compatible store (AWS, MinIO, ...) with django-storages: set
# FILE_STORAGE_BACKEND=storages.backends.s3.S3Storage and the AWS_* variables.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
_FILE_STORAGE = env.str(
    "FILE_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
)
_FILE_STORAGE_OPTIONS: dict = {}
if _FILE_STORAGE.startswith("storages.backends.s3"):
    _FILE_STORAGE_OPTIONS = {
        "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
        "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
        "region_name": env.str("AWS_S3_REGION_NAME", default=None),
        # Files are served through the app, which checks that they are public.
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
# Upper limits of uploads, in bytes.
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=5 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": _FILE_STORAGE, "OPTIONS": _FILE_STORAGE_OPTIONS},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            # Production: compressed files with hashed names, served by WhiteNoise
            # (needs collectstatic); local runs and tests need no collectstatic.
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}


def _mailer_from_url(url: str) -> dict:
    """Turn EMAIL_URL (smtp+tls://user:pass@host:587, consolemail://) into a mailer."""
    config = environ.Env.email_url_config(url)
    backend = config["EMAIL_BACKEND"]
    if not backend.endswith("smtp.EmailBackend"):
        return {"BACKEND": backend}
    options = {
        "host": config.get("EMAIL_HOST"),
        "port": config.get("EMAIL_PORT"),
        "username": config.get("EMAIL_HOST_USER") or None,
        "password": config.get("EMAIL_HOST_PASSWORD") or None,
        "use_tls": config.get("EMAIL_USE_TLS", False),
        "use_ssl": config.get("EMAIL_USE_SSL", False),
        "timeout": env.int("EMAIL_TIMEOUT", default=10),
    }
    options = {key: value for key, value in options.items() if value is not None}
    return {"BACKEND": backend, "OPTIONS": options}


MAILERS = {"default": _mailer_from_url(env.str("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Alliance conference <noreply@localhost>"
)

SITE_URL = env.str("SITE_URL", default="")
# The public site as static files (events/publishing.py): when set, the worker
# republishes into this directory a few seconds after each programme change.
PUBLISH_STATIC_DIR = env.str("PUBLISH_STATIC_DIR", default="")
# Seconds the worker waits after a change, so that a burst of saves is one publish.
PUBLISH_STATIC_DELAY = env.int("PUBLISH_STATIC_DELAY", default=2)
# Releases kept in PUBLISH_STATIC_DIR/releases, the live one included.
PUBLISH_STATIC_KEEP = env.int("PUBLISH_STATIC_KEEP", default=3)

# Registration e-mails go through a durable queue: a row in the database, written in
# the same transaction as the registration, sent by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# The conference secretariat's address, shown in the footer, on the privacy and
# error pages and in every e-mail, told of speakers who decline and of organisers'
# edits waiting for approval; a conference may set its own (Registration settings).
SECRETARIAT_EMAIL = env.str("SECRETARIAT_EMAIL", default="info-cthb@osce.org")
# Every e-mail is a record of the outbox (admin: E-mails), sent by one task. Seconds
# before each new attempt after a failure: doubling from a minute to six hours, then
# every six hours, about three days in all (a long weekend of mail-server outage),
# after which the e-mail is "given up" until staff re-send it.
EMAIL_RETRY_DELAYS = [min(60 * 2**n, 6 * 3600) for n in range(20)]
# Which app builds each e-mail, named here as Django names its backends: the outbox
# sits below the apps and imports none of them.
OUTBOX_BUILDERS = {
    "registration": "registration.emails.build_message",
    "proposals": "proposals.emails.build_message",
    "organisers": "organisers.emails.build_message",
    "outbox": "outbox.alerts.build_message",
}
# The secretariat's address for a conference, told when e-mails start failing.
OUTBOX_CONTACT = "registration.selectors.conference_contact_email"

# Webhooks (Standard Webhooks): endpoints on private, loopback, link-local or
# reserved addresses are refused unless this is on (development and tests only).
WEBHOOKS_ALLOW_PRIVATE = env.bool("WEBHOOKS_ALLOW_PRIVATE", default=DEBUG)
WEBHOOKS_TIMEOUT_SECONDS = env.float("WEBHOOKS_TIMEOUT_SECONDS", default=10)
# A failed attempt is retried after 30 s, 1 min, 2 min, ... doubling up to 6 h.
WEBHOOKS_RETRY_BASE_SECONDS = 30
WEBHOOKS_RETRY_MAX_SECONDS = 6 * 3600
WEBHOOKS_MAX_ATTEMPTS = 15
# An endpoint failing every delivery for this long is disabled and staff e-mailed
# (WEBHOOKS_ALERT_EMAILS, else SECRETARIAT_EMAIL).
WEBHOOKS_DISABLE_AFTER_SECONDS = 24 * 3600
WEBHOOKS_ALERT_EMAILS = env.list("WEBHOOKS_ALERT_EMAILS", default=[])

# The open online sign-up is rate-limited per client address (django-ratelimit).
# Local memory works for one process; production sets RATELIMIT_CACHE_URL=redis://...
CACHES = {
    # Redis in production (REDIS_URL or CACHE_URL); local memory when unset.
    "default": env.cache(
        "CACHE_URL", default=env.str("REDIS_URL", default="locmemcache://")
    ),
    "ratelimit": env.cache("RATELIMIT_CACHE_URL", default="locmemcache://ratelimit"),
}
for _cache in CACHES.values():  # same backend, one Redis client per pool: faster
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache["BACKEND"] = "alliance.redis_cache.RedisCache"
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_ONLINE_SIGNUP = env.str("RATELIMIT_ONLINE_SIGNUP", default="10/h")
# Sending the registration form (new or changed) is limited per invitation, with a
# generous ceiling per client address: delegations register from one ministry,
# mission or venue network behind one address.
RATELIMIT_REGISTRATION = env.str("RATELIMIT_REGISTRATION", default="30/h")
RATELIMIT_REGISTRATION_ADDRESS = env.str(
    "RATELIMIT_REGISTRATION_ADDRESS", default="600/h"
)
# Per client address: opening invitation links, opening links whose token does not
# exist (guessing, far tighter), and staff login attempts (django-axes also locks
# one username after 5 failures).
RATELIMIT_TOKEN_LOOKUP = env.str("RATELIMIT_TOKEN_LOOKUP", default="600/h")
RATELIMIT_TOKEN_MISS = env.str("RATELIMIT_TOKEN_MISS", default="20/h")
RATELIMIT_STAFF_LOGIN = env.str("RATELIMIT_STAFF_LOGIN", default="30/h")
# The organiser portal's and the speakers' confirmation links: per link, with a
# generous ceiling per client address over all links (organisers/limits.py).
RATELIMIT_PORTAL_LINK = env.str("RATELIMIT_PORTAL_LINK", default="120/h")
RATELIMIT_PORTAL_ADDRESS = env.str("RATELIMIT_PORTAL_ADDRESS", default="600/h")
# Saves and submits of the public side-event proposal form, per client address.
RATELIMIT_PROPOSALS = env.str("RATELIMIT_PROPOSALS", default="30/h")
# Anonymous writes of "My programme" selections, per client address: generous, as
# the attendees in the venue share its network's address.
RATELIMIT_SELECTIONS = env.str("RATELIMIT_SELECTIONS", default="600/h")
SILENCED_SYSTEM_CHECKS = [
    "django_ratelimit.E003",  # local memory cache by default; see RATELIMIT_CACHE_URL
    "django_ratelimit.W001",  # Django's own RedisCache is fine for counting
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "events.api.common.StrictOrderingFilter",
    ],
    # DRF's JSON, written by orjson (events.api.renderers), then the browsable API.
    "DEFAULT_RENDERER_CLASSES": [
        "events.api.renderers.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "events.api.schema.ApiSchema",
}

from alliance.openapi import SPECTACULAR_SETTINGS  # noqa: E402, F401 -- the API describes itself there

CORS_URLS_REGEX = r"^/(api|feeds)/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# Logs go to stdout, one JSON object a line in production (LOG_FORMAT=json), for the
# platform's log collector; plain text for a local run.
LOGGING = logging_config(
    format=env.str("LOG_FORMAT", default="text" if DEBUG else "json"),
    level=env.str("LOG_LEVEL", default="INFO"),
)

# Production security: each setting can be changed through the environment, and
# the defaults are the safe ones whenever DEBUG is off (the test suite, on plain
# http, is the exception). TLS ends at the load balancer, which says so in
# X-Forwarded-Proto.
_SECURE = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=_SECURE)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the balancer's probe speaks plain http
if env.bool("SECURE_PROXY_SSL_HEADER", default=_SECURE):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if _SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_SECURE
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=_SECURE)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=_SECURE)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=_SECURE)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = env.str("SECURE_REFERRER_POLICY", default="same-origin")
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (Django's own middleware): alliance/csp.py.
from alliance.csp import API_DOCS_CSP, SECURE_CSP  # noqa: E402, F401

# The shared cache of anonymous public pages, feeds and API reads (alliance/cache.py):
# PUBLIC_CACHE=0 turns it off; entries expire after PUBLIC_CACHE_TIMEOUT seconds
# even when the programme does not change (seat counts come from registrations).
PUBLIC_CACHE_ENABLED = env.bool("PUBLIC_CACHE", default=True)
PUBLIC_CACHE_TIMEOUT = env.int("PUBLIC_CACHE_TIMEOUT", default=60)
# Seconds a request waits for another process that renders the same page.
PUBLIC_CACHE_WAIT = env.float("PUBLIC_CACHE_WAIT", default=10.0)
