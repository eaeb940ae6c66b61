"""The shared cache of public pages: changes show at once, nothing personal is kept."""

import datetime as dt
import gzip
import re
import zoneinfo

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from alliance import cache as public_cache
from alliance.cache import PublicCacheMiddleware
from alliance.redis_cache import RedisCache
from events.models import Conference, Session
from events.version import programme_version
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
    monkeypatch.setattr(public_cache, "_claim", lambda key: False)

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

    def render_elsewhere(key):
        # Another process claimed the key and stores its copy while this one waits.
        other = HttpResponse("from the other one")
        other["ETag"] = '"x"'
        public_cache._store(key, other)
        return False

    monkeypatch.setattr(public_cache, "_claim", render_elsewhere)

    with django_assert_num_queries(0):
        response = client.get(session_url(session))

    assert (response["X-Cache"], response.content) == ("HIT", b"from the other one")


def test_a_request_renders_itself_when_waiting_is_in_vain(
    client, session, monkeypatch, settings
):
    settings.PUBLIC_CACHE_WAIT = 0.1
    monkeypatch.setattr(public_cache, "_claim", lambda key: False)

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


def test_the_now_and_next_marker_moves_on_under_the_cache(client, monkeypatch):
    conference = factories.ConferenceFactory(time_zone="Europe/Vienna")
    first = factories.SessionFactory(
        conference=conference, start=at_vienna(10), title="First"
    )
    second = factories.SessionFactory(
        conference=conference, start=at_vienna(11), title="Second"
    )
    url = reverse("events:programme", kwargs={"conference": conference.slug})
    monkeypatch.setattr(timezone, "now", lambda: at_vienna(10, 30))

    during_first = client.get(url)
    again = client.get(url)
    monkeypatch.setattr(timezone, "now", lambda: at_vienna(11, 30))
    during_second = client.get(url, headers={"if-none-match": during_first["ETag"]})

    assert (during_first["X-Cache"], again["X-Cache"]) == ("MISS", "HIT")
    assert during_second.status_code == 200
    assert during_second["X-Cache"] == "MISS"
    assert during_second["ETag"] != during_first["ETag"]
    assert _marked_now(during_first) == [f"s-{first.pk}"]
    assert _marked_now(during_second) == [f"s-{second.pk}"]


def test_pages_without_the_clock_keep_one_copy_per_version(rf, monkeypatch):
    programme = rf.get("/en/alliance-26/programme/")
    session_page = rf.get("/en/alliance-26/sessions/launch/")
    monkeypatch.setattr(timezone, "now", lambda: at_vienna(10, 30))

    assert public_cache.clock_window(programme) != ""
    assert public_cache.clock_window(session_page) == ""


def at_vienna(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(
        2026, 4, 20, hour, minute, tzinfo=zoneinfo.ZoneInfo("Europe/Vienna")
    )


def _marked_now(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'entry--now"(?: id="now")? aria-labelledby="([^"]+)"', html)
