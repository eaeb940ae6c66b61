"""The shared cache of public pages: changes show at once, nothing personal is kept."""

import datetime as dt
import gzip
import re
import zoneinfo

import pytest
import redis
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from alliance import cache as public_cache
from alliance.cache import PublicCacheMiddleware
from alliance.redis_cache import RedisCache
from events.models import Conference, Session
from events.version import bump_programme_version, programme_version
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = True
    cache.clear()


@pytest.fixture
def session() -> Session:
    return factories.SessionFactory(title="Forced criminality: the evidence")


def session_url(session: Session) -> str:
    return session.get_absolute_url()


def test_second_anonymous_request_is_served_from_the_cache(client, session):
    first = client.get(session_url(session))
    second = client.get(session_url(session))

    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second["X-Cache"]) == (200, "HIT")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]


def test_a_cached_page_runs_no_query(client, session, django_assert_num_queries):
    client.get(session_url(session))

    with django_assert_num_queries(0):
        response = client.get(session_url(session))

    assert response["X-Cache"] == "HIT"


def test_etag_carries_the_programme_version_and_answers_304(client, session):
    response = client.get(session_url(session))
    etag = response["ETag"]

    not_modified = client.get(session_url(session), HTTP_IF_NONE_MATCH=etag)

    assert etag.startswith(f'"{programme_version().token}-')
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag


def test_cached_answers_keep_the_security_headers(client, session):
    client.get(session_url(session))
    response = client.get(session_url(session))

    assert response["X-Cache"] == "HIT"
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Vary"] == "Cookie, Accept-Encoding"
    assert response["Cache-Control"] == "no-cache"


def test_editing_a_session_shows_at_once(client, session):
    etag = client.get(session_url(session))["ETag"]

    session.title = "Forced criminality: new evidence"
    session.save()
    response = client.get(session_url(session), HTTP_IF_NONE_MATCH=etag)

    assert (response.status_code, response["X-Cache"]) == (200, "MISS")
    assert "Forced criminality: new evidence" in response.content.decode()
    assert response["ETag"] != etag


def test_deleting_a_session_shows_at_once(client, session):
    url = session_url(session)
    assert client.get(url).status_code == 200

    session.delete()

    assert client.get(url).status_code == 404


def test_a_speaker_change_bumps_the_version(client, session):
    participation = factories.ParticipationFactory(
        session=session, person__family_name="Smith"
    )
    assert "Smith" in client.get(session_url(session)).content.decode()

    participation.person.family_name = "Smythe"
    participation.person.save()
    response = client.get(session_url(session))

    assert response["X-Cache"] == "MISS"
    assert "Smythe" in response.content.decode()


@pytest.mark.parametrize(
    "model_factory",
    [
        factories.VenueFactory,
        factories.RoomFactory,
        factories.OrganisationFactory,
        factories.ConferenceFactory,
        factories.SessionFactory,
        factories.SessionSectionFactory,
        factories.SessionOrganiserFactory,
        factories.AgendaItemFactory,
        factories.PersonFactory,
        factories.ParticipationFactory,
    ],
)
def test_every_programme_model_bumps_the_version_on_save_and_delete(model_factory):
    before = programme_version()
    instance = model_factory()
    after_save = programme_version()
    instance.delete()

    assert before != after_save
    assert programme_version() != after_save


def test_the_version_is_bumped_again_after_commit(
    session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        session.save()
    saved = programme_version()

    for callback in callbacks:
        callback()

    assert len(callbacks) == 1
    assert programme_version() != saved


def test_a_logged_in_visitor_is_never_served_nor_stored(client, session, admin_user):
    client.force_login(admin_user)

    first = client.get(session_url(session))
    second = client.get(session_url(session))
    client.logout()
    anonymous = client.get(session_url(session))

    assert (first.status_code, second.status_code) == (200, 200)
    assert "X-Cache" not in first
    assert "X-Cache" not in second
    assert anonymous["X-Cache"] == "MISS"


def test_a_staff_preview_of_a_draft_is_not_cached(client, admin_user):
    draft = factories.SessionFactory(conference__status=Conference.Status.DRAFT)
    url = session_url(draft)
    client.force_login(admin_user)

    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 404


def test_a_logged_in_visitor_does_not_get_the_anonymous_copy(
    client, session, admin_user
):
    client.get(session_url(session))
    client.force_login(admin_user)

    response = client.get(session_url(session))

    assert "X-Cache" not in response


def test_the_admin_is_never_cached(admin_client, client):
    response = admin_client.get("/en/admin/")
    anonymous = client.get("/en/admin/login/")

    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "X-Cache" not in anonymous


@pytest.mark.parametrize(
    ("path", "public"),
    [
        ("/en/", True),
        ("/ru/alliance-26/programme/", True),
        ("/api/v1/sessions/", True),
        ("/en/admin/", False),
        ("/admin/", False),
        ("/en/registration/alliance-26/", False),
        ("/ru/registration/", False),
        ("/i18n/setlang/", False),
        ("/healthz", False),
        ("/static/alliance/site.css", False),
        # The benchmark's floor always pays the whole stack (bench/floor.py).
        ("/bench/floor/", False),
    ],
)
def test_which_paths_are_public(rf, path, public):
    assert public_cache.is_public_request(rf.get(path)) is public


def test_credentials_and_personal_cookies_keep_a_request_private(rf):
    with_session = rf.get("/en/")
    with_session.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    with_messages = rf.get("/en/")
    with_messages.COOKIES["messages"] = "abc"
    with_csrf_cookie = rf.get("/en/")
    with_csrf_cookie.COOKIES[settings.CSRF_COOKIE_NAME] = "abc"

    assert public_cache.is_public_request(with_session) is False
    assert public_cache.is_public_request(with_messages) is False
    assert (
        public_cache.is_public_request(rf.get("/", HTTP_AUTHORIZATION="Token x"))
        is False
    )
    assert public_cache.is_public_request(rf.post("/en/")) is False
    assert public_cache.is_public_request(with_csrf_cookie) is True


def _through_middleware(view_response, request=None):
    """Run one request through the middleware around a stand-in view."""
    calls = []

    def view(request):
        calls.append(request)
        return view_response(request)

    middleware = PublicCacheMiddleware(view)
    request = request or RequestFactory().get("/en/some-page/")
    return middleware(request), calls


@pytest.mark.parametrize(
    "make_response",
    [
        pytest.param(lambda request: HttpResponse("x", status=404), id="404"),
        pytest.param(lambda request: HttpResponse("x", status=302), id="redirect"),
        pytest.param(
            lambda request: _with_cookie(HttpResponse("personal")), id="sets-cookie"
        ),
        pytest.param(
            lambda request: _with_header(HttpResponse("x"), "Cache-Control", "private"),
            id="private",
        ),
        pytest.param(
            lambda request: _with_header(HttpResponse("x"), "Vary", "User-Agent"),
            id="unknown-vary",
        ),
        pytest.param(
            lambda request: HttpResponse(get_token(request)), id="csrf-token-in-page"
        ),
    ],
)
def test_personal_or_unusual_responses_are_not_stored(make_response):
    _through_middleware(make_response)
    response, calls = _through_middleware(make_response)

    assert len(calls) == 1
    assert "X-Cache" not in response


def _with_cookie(response: HttpResponse) -> HttpResponse:
    response.set_cookie("preference", "1")
    return response


def _with_header(response: HttpResponse, name: str, value: str) -> HttpResponse:
    response[name] = value
    return response


def test_api_reads_are_cached_for_anonymous_clients_only(
    api_client, session, django_user_model
):
    url = reverse("session-list")
    api_client.get(url)
    anonymous = api_client.get(url)
    reader = django_user_model.objects.create_user("reader", "reader@example.org")
    token = Token.objects.create(user=reader)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    with_token = api_client.get(url)

    assert anonymous["X-Cache"] == "HIT"
    assert with_token.status_code == 200
    assert "X-Cache" not in with_token


@pytest.mark.parametrize(
    ("path", "make", "change"),
    [
        ("rooms", factories.RoomFactory, {"name": "Neuer Saal"}),
        (
            "session-organisers",
            factories.SessionOrganiserFactory,
            {"role": "organiser"},
        ),
        ("session-sections", factories.SessionSectionFactory, {"title": "Purpose"}),
    ],
)
def test_api_writes_show_at_once_in_cached_api_reads(
    client, programme_editor, path, make, change
):
    target = make()
    url = f"/api/v1/{path}/"
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    editor = APIClient()
    editor.force_authenticate(programme_editor)

    updated = editor.patch(f"{url}{target.pk}/", change, format="json")
    after_update = client.get(url)
    deleted = editor.delete(f"{url}{target.pk}/")
    after_delete = client.get(url)

    assert (updated.status_code, deleted.status_code) == (200, 204)
    assert after_update["X-Cache"] == "MISS"
    (row,) = after_update.json()["results"]
    assert {name: row[name] for name in change} == change
    assert after_delete["X-Cache"] == "MISS"
    assert after_delete.json()["results"] == []


def test_json_and_the_browsable_api_are_kept_apart(client, session):
    url = reverse("session-list")
    as_json = client.get(url, HTTP_ACCEPT="application/json")
    as_html = client.get(url, HTTP_ACCEPT="text/html")
    again_json = client.get(url, HTTP_ACCEPT="application/json")

    assert as_json["Content-Type"] == "application/json"
    # The browsable page carries a CSRF token: personal, so never stored.
    assert as_html["Content-Type"].startswith("text/html")
    assert "X-Cache" not in as_html
    assert (again_json["X-Cache"], again_json["Content-Type"]) == (
        "HIT",
        "application/json",
    )


def test_each_language_has_its_own_copy(client, session):
    url = reverse("session-list")
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")

    assert (english["X-Cache"], russian["X-Cache"]) == ("MISS", "MISS")
    assert english["Content-Language"] == "en"
    assert russian["Content-Language"] == "ru"


@pytest.mark.parametrize(
    "path",
    ["/api/v1/sessions/", "/feeds/{conference}/schedule.ics"],
)
def test_lang_parameter_and_accept_language_never_share_an_entry(client, path):
    session = factories.SessionFactory(
        title_en="Forced criminality", title_ru="Принудительная преступность"
    )
    url = path.format(conference=session.conference.slug)

    english = client.get(url)
    by_header = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    by_parameter = client.get(f"{url}?lang=ru")
    by_header_again = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")

    assert (english["X-Cache"], by_header["X-Cache"], by_parameter["X-Cache"]) == (
        "MISS",
        "MISS",
        "MISS",
    )
    assert by_header_again["X-Cache"] == "HIT"
    assert len({english["ETag"], by_header["ETag"], by_parameter["ETag"]}) == 3
    assert "Forced criminality" in english.content.decode()
    for russian in (by_header, by_parameter, by_header_again):
        assert "Принудительная преступность" in russian.content.decode()
        assert russian["Content-Language"] == "ru"


def test_the_cache_can_be_turned_off(client, session, settings):
    settings.PUBLIC_CACHE_ENABLED = False

    client.get(session_url(session))
    response = client.get(session_url(session))

    assert "X-Cache" not in response


def test_the_site_answers_uncached_when_the_cache_is_down(client, session, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(public_cache.cache, "get", broken)

    response = client.get(session_url(session))

    assert response.status_code == 200
    assert "X-Cache" not in response


def test_a_page_with_its_own_csp_keeps_it_when_cached(client):
    first = client.get("/api/v1/redoc/")
    second = client.get("/api/v1/redoc/")

    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert "'unsafe-inline'" in second["Content-Security-Policy"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def _age_every_entry(monkeypatch, seconds: float) -> None:
    real_time = public_cache.time.time
    monkeypatch.setattr(public_cache.time, "time", lambda: real_time() + seconds)


def test_an_old_copy_is_refreshed_by_the_first_request(client, session, monkeypatch):
    client.get(session_url(session))
    _age_every_entry(monkeypatch, settings.PUBLIC_CACHE_TIMEOUT + 1)

    response = client.get(session_url(session))

    assert response["X-Cache"] == "MISS"


def test_others_get_the_old_copy_while_one_refreshes_it(client, session, monkeypatch):
    first = client.get(session_url(session))
    _age_every_entry(monkeypatch, settings.PUBLIC_CACHE_TIMEOUT + 1)
    monkeypatch.setattr(public_cache, "_claim", lambda key, version: False)

    response = client.get(session_url(session))

    assert response["X-Cache"] == "STALE"
    assert response.content == first.content


def test_after_a_change_others_wait_for_the_one_rendering(
    client, session, monkeypatch, django_assert_num_queries
):
    """A second process finds the page being rendered and waits for its copy."""
    client.get(session_url(session))
    session.title = "Renamed"
    session.save()

    def render_elsewhere(key, version):
        # Another process claimed the key and stores its copy while this one waits.
        other = HttpResponse("from the other one")
        other["ETag"] = '"x"'
        public_cache._store(key, other, version)
        return False

    monkeypatch.setattr(public_cache, "_claim", render_elsewhere)

    with django_assert_num_queries(0):
        response = client.get(session_url(session))

    assert (response["X-Cache"], response.content) == ("HIT", b"from the other one")


def test_a_request_renders_itself_when_waiting_is_in_vain(
    client, session, monkeypatch, settings
):
    settings.PUBLIC_CACHE_WAIT = 0.1
    monkeypatch.setattr(public_cache, "_claim", lambda key, version: False)

    response = client.get(session_url(session))

    assert (response.status_code, response["X-Cache"]) == (200, "MISS")


def test_clients_that_accept_gzip_get_the_compressed_copy(client, session):
    plain = client.get(session_url(session))
    first = client.get(session_url(session), HTTP_ACCEPT_ENCODING="gzip, br")
    second = client.get(session_url(session), HTTP_ACCEPT_ENCODING="gzip, br")

    assert "Content-Encoding" not in plain
    assert (first["X-Cache"], second["X-Cache"]) == ("HIT", "HIT")
    assert second["Content-Encoding"] == "gzip"
    assert gzip.decompress(second.content) == plain.content
    assert len(second.content) < len(plain.content)
    assert second["ETag"] == plain["ETag"][:-1] + '-gz"'


def test_the_first_gzip_request_is_compressed_too(client, session):
    response = client.get(session_url(session), HTTP_ACCEPT_ENCODING="gzip")

    assert (response["X-Cache"], response["Content-Encoding"]) == ("MISS", "gzip")
    assert b"Forced criminality: the evidence" in gzip.decompress(response.content)


def test_the_compressed_copy_answers_304_to_its_own_etag(client, session):
    etag = client.get(session_url(session), HTTP_ACCEPT_ENCODING="gzip")["ETag"]

    response = client.get(
        session_url(session), HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag
    )

    assert response.status_code == 304


def test_a_client_without_gzip_gets_the_plain_body_stored_apart(client, session):
    first = client.get(session_url(session), HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(session_url(session))

    assert (first["X-Cache"], plain["X-Cache"]) == ("MISS", "HIT")
    assert plain.content == gzip.decompress(first.content)


def test_a_lost_plain_body_is_rendered_again(client, session):
    client.get(session_url(session))
    for stored_key in list(cache._cache):  # ":1:alliance:page:...:plain"
        if stored_key.endswith(":plain"):
            cache.delete(stored_key.split(":", 2)[2])

    response = client.get(session_url(session))

    assert (response.status_code, response["X-Cache"]) == (200, "MISS")


def test_the_redis_backend_reuses_one_client():
    backend = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "alliance-test"})
    try:
        backend.set("answer", {"ok": 1}, 10)
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")

    assert backend.get("answer") == {"ok": 1}
    assert backend._cache.get_client() is backend._cache.get_client(write=True)
    backend.delete("answer")
    assert backend.get("answer") is None


def test_the_programme_keeps_its_copy_through_the_day_and_not_past_midnight(
    client, settings
):
    """No clock window: the time of day is the browser's; only the date is not."""
    settings.PUBLIC_CACHE_TIMEOUT = 3000
    conference = factories.ConferenceFactory(time_zone="Europe/Vienna")
    factories.SessionFactory(conference=conference, start=at_vienna(10), title="First")
    factories.SessionFactory(
        conference=conference, start=at_vienna(11, day=21), title="Second"
    )
    url = reverse("events:programme", kwargs={"conference": conference.slug})

    with time_machine.travel(at_vienna(23, 10), tick=False):
        first = client.get(url)
    with time_machine.travel(at_vienna(23, 59), tick=False):
        later = client.get(url, headers={"if-none-match": first["ETag"]})
        later_full = client.get(url)
    with time_machine.travel(at_vienna(0, 1, day=21), tick=False):
        next_day = client.get(url, headers={"if-none-match": first["ETag"]})
        next_day_again = client.get(url)

    assert first["X-Cache"] == "MISS"
    assert (later.status_code, later["X-Cache"]) == (304, "HIT")
    assert (later_full["X-Cache"], later_full.content) == ("HIT", first.content)
    assert (next_day.status_code, next_day["X-Cache"]) == (200, "MISS")
    assert next_day["ETag"] != first["ETag"]
    assert next_day_again["X-Cache"] == "HIT"
    assert "Showing today, Monday 20 April." in first.content.decode()
    assert "Showing today, Tuesday 21 April." in next_day.content.decode()


def at_vienna(hour: int, minute: int = 0, day: int = 20) -> dt.datetime:
    return dt.datetime(
        2026, 4, day, hour, minute, tzinfo=zoneinfo.ZoneInfo("Europe/Vienna")
    )


# --- The early path: first of the stack, the stack's own answer -------------------


@pytest.fixture
def programme_urls() -> dict[str, str]:
    """One address of every kind the cache answers (public pages, feeds, API, PDF)."""
    session = factories.SessionFactory(
        title_en="Forced criminality", title_ru="Принудительная преступность"
    )
    person = factories.ParticipationFactory(session=session).person
    slug = session.conference.slug
    return {
        "conference list": "/en/",
        "conference": reverse("events:conference", kwargs={"conference": slug}),
        "programme": reverse("events:programme", kwargs={"conference": slug}),
        "programme in Russian": f"/ru/{slug}/programme/",
        "session": session.get_absolute_url(),
        "speaker": person.get_absolute_url(),
        "iCal": f"/feeds/{slug}/schedule.ics",
        "schedule.xml": f"/feeds/{slug}/schedule.xml",
        "schedule.json": f"/feeds/{slug}/schedule.json?lang=ru",
        "API list": "/api/v1/sessions/",
        "PDF": reverse("events:programme_pdf", kwargs={"conference": slug}),
    }


def _timeless(body: bytes) -> bytes:
    """A body with a PDF's creation time and file id masked: two renders of the
    same programme differ only there (every other answer is compared as it is)."""
    body = re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", rb"/\1 ()", body)
    return re.sub(rb"\[<[0-9a-f]{32}><[0-9a-f]{32}>\]", b"[]", body)


def _headers(response) -> dict[str, str]:
    return {name.lower(): value for name, value in response.headers.items()}


def _vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v}


@pytest.mark.parametrize("encoding", ["", "gzip, deflate, br"])
def test_a_hit_is_the_answer_of_the_whole_stack_byte_for_byte(
    client, settings, programme_urls, encoding, django_assert_num_queries
):
    """Over https with HSTS, CORS from a partner site: every kind of public URL."""
    settings.SECURE_HSTS_SECONDS = 31536000
    request = {
        "secure": True,
        "HTTP_ACCEPT_ENCODING": encoding,
        "HTTP_ORIGIN": "https://partner.example.org",
    }
    for kind, url in programme_urls.items():
        settings.PUBLIC_CACHE_ENABLED = False
        stack = client.get(url, **request)
        settings.PUBLIC_CACHE_ENABLED = True
        miss = client.get(url, **request)
        with django_assert_num_queries(0):
            hit = client.get(url, **request)

        assert (stack.status_code, miss["X-Cache"], hit["X-Cache"]) == (
            200,
            "MISS",
            "HIT",
        ), kind
        # The miss and the hit: the same bytes and headers.
        assert hit.content == miss.content, kind
        assert _headers(hit) | {"x-cache": "MISS"} == _headers(miss), kind
        # The whole stack's answer, plus only what the cache adds: its ETag and
        # Cache-Control where the view set none, Vary: Cookie and the gzip encoding.
        gzipped = hit.get("Content-Encoding") == "gzip"
        body = gzip.decompress(hit.content) if gzipped else hit.content
        assert _timeless(body) == _timeless(stack.content), kind
        own = _headers(stack)
        cached = _headers(hit)
        for name in ("vary", "etag", "content-length"):
            own.pop(name, None)
            cached.pop(name, None)
        added = {"x-cache": "HIT"}
        if "cache-control" not in own:
            added["cache-control"] = "no-cache"
        if gzipped:
            added["content-encoding"] = "gzip"
        assert cached == own | added, kind
        assert _vary(hit) >= _vary(stack) | {"cookie"}, kind
        if "ETag" in stack:
            tag = stack["ETag"][:-1] + '-gz"' if gzipped else stack["ETag"]
            assert hit["ETag"] == tag, kind
        if url.startswith(("/api/", "/feeds/")):
            assert hit["Access-Control-Allow-Origin"] == "*", kind
        assert hit["Strict-Transport-Security"].startswith("max-age=31536000"), kind
        assert hit["X-Frame-Options"] == "DENY", kind
        assert hit["Referrer-Policy"] == "same-origin", kind


def test_a_hit_runs_no_other_middleware(client, session, monkeypatch):
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.middleware.locale import LocaleMiddleware
    from django.middleware.security import SecurityMiddleware

    calls = []
    for middleware in (SecurityMiddleware, SessionMiddleware, LocaleMiddleware):
        original = middleware.process_request

        def counted(self, request, _original=original, _name=middleware.__name__):
            calls.append(_name)
            return _original(self, request)

        monkeypatch.setattr(middleware, "process_request", counted)

    client.get(session_url(session))
    rendered = list(calls)
    calls.clear()
    hit = client.get(session_url(session))

    assert rendered == ["SecurityMiddleware", "SessionMiddleware", "LocaleMiddleware"]
    assert (hit["X-Cache"], calls) == ("HIT", [])


def test_a_304_from_the_early_path_keeps_the_stack_s_headers(
    client, session, settings, django_assert_num_queries
):
    settings.SECURE_HSTS_SECONDS = 3600
    first = client.get(session_url(session), secure=True)

    with django_assert_num_queries(0):
        again = client.get(
            session_url(session), secure=True, HTTP_IF_NONE_MATCH=first["ETag"]
        )

    assert (again.status_code, again["X-Cache"], again.content) == (304, "HIT", b"")
    expected = {
        name: value
        for name, value in _headers(first).items()
        if name not in ("content-type", "content-length", "x-cache")
    }
    assert {k: v for k, v in _headers(again).items() if k != "x-cache"} == expected
    assert again["Content-Security-Policy"].startswith("default-src 'self'")
    assert again["Strict-Transport-Security"] == "max-age=3600"


def test_a_head_request_shares_the_get_s_copy(client, session):
    get = client.get(session_url(session))
    head = client.head(session_url(session))

    assert (get["X-Cache"], head["X-Cache"], head.content) == ("MISS", "HIT", b"")
    assert _headers(head) | {"x-cache": "MISS"} == _headers(get)


def test_plain_http_never_gets_the_https_copy(client, session, settings):
    settings.SECURE_SSL_REDIRECT = True
    client.get(session_url(session), secure=True)
    assert client.get(session_url(session), secure=True)["X-Cache"] == "HIT"

    plain = client.get(session_url(session))

    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")


def test_the_root_redirect_follows_the_language_and_is_never_stored(client):
    russian = client.get("/", HTTP_ACCEPT_LANGUAGE="ru")
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert (russian.status_code, russian["Location"]) == (302, "/ru/")
    assert (english.status_code, english["Location"]) == (302, "/en/")
    assert "X-Cache" not in russian
    assert "X-Cache" not in english


def test_a_cors_answer_is_kept_apart_from_a_plain_one(client, session):
    url = reverse("session-list")
    with_origin = client.get(url, HTTP_ORIGIN="https://partner.example.org")
    without = client.get(url)

    assert with_origin["Access-Control-Allow-Origin"] == "*"
    assert (with_origin["X-Cache"], without["X-Cache"]) == ("MISS", "MISS")
    assert "Access-Control-Allow-Origin" not in without


@pytest.mark.parametrize(
    ("path", "request_headers", "cookie", "language"),
    [
        ("/ru/alliance-26/programme/", {"HTTP_ACCEPT_LANGUAGE": "en"}, "de", "ru"),
        ("/en/", {"HTTP_ACCEPT_LANGUAGE": "ru-RU,ru;q=0.9"}, None, "en"),
        ("/api/v1/sessions/", {"HTTP_ACCEPT_LANGUAGE": "ru-RU,ru;q=0.9"}, None, "ru"),
        ("/api/v1/sessions/", {"HTTP_ACCEPT_LANGUAGE": "ru"}, "de", "de"),
        ("/api/v1/sessions/?lang=en", {"HTTP_ACCEPT_LANGUAGE": "ru"}, "de", "en"),
        ("/feeds/alliance-26/schedule.ics", {}, None, "en"),
        ("/feeds/alliance-26/schedule.ics", {"HTTP_ACCEPT_LANGUAGE": "de"}, None, "de"),
    ],
)
def test_the_key_s_language_is_the_one_the_stack_answers_in(
    client, rf, settings, path, request_headers, cookie, language
):
    factories.SessionFactory(conference__slug="alliance-26")
    request = rf.get(path, **request_headers)
    if cookie:
        request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = cookie
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    settings.PUBLIC_CACHE_ENABLED = False

    response = client.get(path, **request_headers)

    assert public_cache.request_language(request) == language
    assert response["Content-Language"] == language


def test_the_language_cookie_gets_its_own_language_s_copy(client, session):
    url = reverse("session-list")
    client.get(url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    russian = client.get(url)

    assert (russian["X-Cache"], russian["Content-Language"]) == ("MISS", "ru")


def test_an_answer_in_another_language_than_its_key_is_not_stored(rf):
    def answer(request):
        response = HttpResponse("x")
        response["Content-Language"] = "ru"
        return response

    middleware = PublicCacheMiddleware(answer)
    first = middleware(rf.get("/en/some-page/"))
    second = middleware(rf.get("/en/some-page/"))

    assert "X-Cache" not in first
    assert "X-Cache" not in second


def test_a_plain_public_answer_is_stored(rf):
    """The control for the tests of what is not stored."""
    response, calls = _through_middleware(lambda request: HttpResponse("x"))
    again, calls_again = _through_middleware(lambda request: HttpResponse("x"))

    assert (response["X-Cache"], again["X-Cache"]) == ("MISS", "HIT")
    assert (len(calls), len(calls_again)) == (1, 0)


@pytest.mark.parametrize(
    "cookie",
    [settings.SESSION_COOKIE_NAME, "messages", "sticky-balancer", "anything"],
)
def test_any_other_cookie_takes_the_whole_stack(client, session, cookie):
    client.get(session_url(session))
    assert client.get(session_url(session))["X-Cache"] == "HIT"
    client.cookies[cookie] = "abc"

    response = client.get(session_url(session))

    assert response.status_code == 200
    assert "X-Cache" not in response


def test_a_messages_cookie_is_never_answered_from_the_copy(client, session):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage

    client.get(session_url(session))
    storage = CookieStorage(RequestFactory().get("/"))
    encoded = storage._encode([Message(constants.SUCCESS, "Saved: your registration")])
    client.cookies["messages"] = encoded

    response = client.get(session_url(session))

    assert "X-Cache" not in response


@pytest.mark.parametrize(
    "path",
    ["/en/registration/", "/ru/registration/", "/en/admin/login/", "/en/organisers/"],
)
def test_registration_admin_and_portal_pages_are_never_cached(client, path):
    client.get(path)
    response = client.get(path)

    assert "X-Cache" not in response


def test_a_staff_preview_is_never_served_to_anyone_else(client, admin_user):
    draft = factories.SessionFactory(
        title="Draft: not yet public", conference__status=Conference.Status.DRAFT
    )
    client.force_login(admin_user)
    preview = client.get(session_url(draft))
    api_preview = client.get(reverse("session-list"))
    client.logout()
    client.cookies.clear()

    anonymous = client.get(session_url(draft))
    anonymous_api = client.get(reverse("session-list"))

    assert (preview.status_code, anonymous.status_code) == (200, 404)
    assert "Draft: not yet public" in api_preview.content.decode()
    assert "Draft: not yet public" not in anonymous_api.content.decode()
    assert anonymous_api["X-Cache"] == "MISS"


def test_a_hit_reads_the_version_and_the_copy_in_one_round_trip(
    client, session, monkeypatch
):
    client.get(session_url(session))
    reads = []
    get_many, get = public_cache.cache.get_many, public_cache.cache.get

    def one_read(keys, *args, **kwargs):
        reads.append(list(keys))
        return get_many(keys, *args, **kwargs)

    def single_read(key, *args, **kwargs):
        # Local memory's get_many reads key by key; Redis sends one MGET.
        if not any(key in keys for keys in reads):
            reads.append([key])
        return get(key, *args, **kwargs)

    monkeypatch.setattr(public_cache.cache, "get_many", one_read)
    monkeypatch.setattr(public_cache.cache, "get", single_read)

    # A phone (gzip): the copy it gets is in the entry itself.
    response = client.get(session_url(session), HTTP_ACCEPT_ENCODING="gzip")

    assert response["X-Cache"] == "HIT"
    assert len(reads) == 1


def test_a_copy_of_an_older_version_is_never_served(client, session):
    client.get(session_url(session))
    bump_programme_version()

    response = client.get(session_url(session))

    assert response["X-Cache"] == "MISS"
    assert response["ETag"].startswith(f'"{programme_version().token}-')
