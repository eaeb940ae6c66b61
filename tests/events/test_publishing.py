"""The static site: the same bytes as Django, switched atomically, drafts never."""

import datetime as dt
import gzip
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import brotli
import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client

from events import publishing
from events.models import Conference, Session
from events.publishing import ACCEPT_LANGUAGE_DIR, MANIFEST, PublishError, publish
from events.publishing_parts import Scope, publish_part
from events.publishing_queue import publish_static_site
from events.site_url import site_base
from events.version import bump_programme_version
from tests.factories import (
    ConferenceFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    SessionOrganiserFactory,
)

VIENNA = dt.timezone(dt.timedelta(hours=2))


@pytest.fixture
def programme(db):
    return make_programme()


def make_programme() -> Conference:
    """A published conference with two sessions, a draft session, and a draft
    conference."""
    conference = ConferenceFactory(slug="alliance-2026", title="Alliance 2026")
    panel = SessionFactory(
        conference=conference,
        slug="opening",
        title="Opening of the conference",
        start=dt.datetime(2026, 4, 20, 9, 0, tzinfo=VIENNA),
    )
    side = SessionFactory(
        conference=conference, slug="side-event", title="Forced criminality forum"
    )
    SessionOrganiserFactory(
        session=side, organisation=OrganisationFactory(slug="gaatw", name="GAATW")
    )
    ParticipationFactory(session=panel, person=PersonFactory(slug="valiant-richey"))
    SessionFactory(
        conference=conference,
        slug="draft-side-event",
        title="Secret draft side event",
        is_published=False,
    )
    draft = ConferenceFactory(
        slug="draft-conference",
        title="Draft conference",
        status=Conference.Status.DRAFT,
    )
    SessionFactory(conference=draft, slug="draft-only", title="Draft only session")
    return conference


def published_files(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix not in (".gz", ".br")
        and path.name != MANIFEST
    )


def url_and_language(root: Path, file: Path) -> tuple[str, str | None]:
    """The URL path a file answers, and the Accept-Language it was rendered for."""
    relative = file.relative_to(root).as_posix()
    language = None
    if relative.startswith(f"{ACCEPT_LANGUAGE_DIR}/"):
        _prefix, language, relative = relative.split("/", 2)
    if relative.endswith("index.html"):
        relative = relative.removesuffix("index.html")
    return "/" + relative, language


def django_answer(path: str, language: str | None) -> bytes:
    """What Django serves an anonymous visitor for the URL, rendered afresh."""
    cache.clear()
    client = Client(HTTP_HOST=site_base().split("://", 1)[1])
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(path, secure=settings.SECURE_SSL_REDIRECT, **headers)
    assert response.status_code == 200, path
    return (
        b"".join(response.streaming_content) if response.streaming else response.content
    )


def without_pdf_dates(data: bytes) -> bytes:
    """A PDF names the second it was made (and an ID from it): the one part of a
    published file that differs from a render a second later."""
    if not data.startswith(b"%PDF"):
        return data
    data = re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", rb"/\1 ()", data)
    return re.sub(rb"/ID\s*\[[^\]]*\]", b"/ID []", data)


def test_every_published_file_is_what_django_serves(programme, tmp_path):
    publish(tmp_path)
    root = tmp_path / "current"
    files = published_files(root)
    urls = {url_and_language(root, file) for file in files}
    for code in ("en", "ru", "de"):
        for page in (
            "",
            "alliance-2026/",
            "alliance-2026/programme/",
            "alliance-2026/programme.pdf",
            "alliance-2026/changes/",
            "alliance-2026/feeds/",
            "alliance-2026/rooms/",
            "alliance-2026/organisations/",
            "alliance-2026/sessions/opening/",
            "alliance-2026/sessions/opening.ics",
            "speakers/valiant-richey/",
            "organisations/gaatw/",
        ):
            assert (f"/{code}/{page}", None) in urls
    for feed in (
        "schedule.ics",
        "schedule.xml",
        "schedule.json",
        "changes.atom",
        "days/2026-04-20.ics",
        "organisations/gaatw.ics",
        "people/valiant-richey.ics",
    ):
        for language in (None, "ru", "de"):
            assert (f"/feeds/alliance-2026/{feed}", language) in urls
    for file in files:
        data = file.read_bytes()
        assert gzip.decompress(Path(f"{file}.gz").read_bytes()) == data, file
        assert brotli.decompress(Path(f"{file}.br").read_bytes()) == data, file
        path, language = url_and_language(root, file)
        assert without_pdf_dates(data) == without_pdf_dates(
            django_answer(path, language)
        ), path


def test_the_english_feed_is_also_what_accept_language_en_gets(programme, tmp_path):
    publish(tmp_path)
    feed = tmp_path / "current/feeds/alliance-2026/schedule.ics"
    assert feed.read_bytes() == django_answer("/feeds/alliance-2026/schedule.ics", "en")


def test_drafts_are_never_published(programme, tmp_path):
    publish(tmp_path)
    root = tmp_path / "current"
    for file in root.rglob("*"):
        assert "draft" not in file.relative_to(root).as_posix(), file
        if file.is_file() and file.suffix not in (".gz", ".br", ".pdf"):
            text = file.read_text()
            assert "Secret draft side event" not in text, file
            assert "Draft only session" not in text, file


def test_a_release_goes_live_whole_and_the_previous_stays_intact(
    programme, tmp_path, monkeypatch
):
    first = publish(tmp_path)
    first_files = {f: f.read_bytes() for f in published_files(first.path)}
    render = publishing.render_release
    seen_during = {}

    def watched(root, **kwargs):
        release = render(root, **kwargs)
        # The new release is complete, and not yet live: readers see the first.
        seen_during["live"] = (tmp_path / "current").resolve()
        seen_during["first"] = {f: f.read_bytes() for f in published_files(first.path)}
        return release

    monkeypatch.setattr(publishing, "render_release", watched)
    Session.objects.filter(slug="opening").update(title="Opening, moved")
    bump_programme_version()
    second = publish(tmp_path)
    assert seen_during["live"] == first.path
    assert seen_during["first"] == first_files
    assert os.readlink(tmp_path / "current") == f"releases/{second.path.name}"
    page = tmp_path / "current/en/alliance-2026/sessions/opening/index.html"
    assert "Opening, moved" in page.read_text()
    assert first.path.is_dir()


def test_a_failed_publish_leaves_the_live_release(programme, tmp_path, monkeypatch):
    first = publish(tmp_path)

    def broken(*args, **kwargs):
        raise PublishError("/en/alliance-2026/programme/ answered 500")

    monkeypatch.setattr(publishing, "crawl", broken)
    with pytest.raises(PublishError):
        publish(tmp_path)
    assert (tmp_path / "current").resolve() == first.path
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == [
        first.path.name
    ]


def test_older_releases_are_pruned(programme, tmp_path):
    releases = [publish(tmp_path, keep=2).path.name for _ in range(3)]
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == releases[1:]
    assert os.readlink(tmp_path / "current") == f"releases/{releases[2]}"


def test_a_part_publishes_the_session_again_and_keeps_the_rest(programme, tmp_path):
    first = publish(tmp_path)
    other = first.path / "en/alliance-2026/sessions/side-event/index.html"
    session = Session.objects.get(slug="opening")
    Session.objects.filter(pk=session.pk).update(title="Opening renamed")
    bump_programme_version()
    part = publish_part(tmp_path, Scope(sessions=frozenset([session.pk])))
    root = tmp_path / "current"
    assert root.resolve() == part.path
    for path in (
        "en/alliance-2026/sessions/opening/index.html",
        "ru/alliance-2026/programme/index.html",
        "feeds/alliance-2026/schedule.ics",
        f"{ACCEPT_LANGUAGE_DIR}/ru/feeds/alliance-2026/schedule.xml",
        "de/speakers/valiant-richey/index.html",
    ):
        assert "Opening renamed" in (root / path).read_text(), path
        assert "Opening renamed" not in (first.path / path).read_text(), path
    # Untouched pages are the same files (hard links), not rendered again.
    copy = root / "en/alliance-2026/sessions/side-event/index.html"
    assert os.stat(copy).st_ino == os.stat(other).st_ino
    assert published_files(root) == [
        root / f.relative_to(first.path) for f in published_files(first.path)
    ]


def test_an_unpublished_session_leaves_the_site_in_a_part(programme, tmp_path):
    publish(tmp_path)
    session = Session.objects.get(slug="side-event")
    Session.objects.filter(pk=session.pk).update(is_published=False)
    bump_programme_version()
    part = publish_part(tmp_path, Scope(sessions=frozenset([session.pk])))
    assert not (part.path / "en/alliance-2026/sessions/side-event/index.html").exists()
    assert not (part.path / "en/alliance-2026/sessions/side-event.ics").exists()
    assert (
        "Forced criminality forum"
        not in (part.path / "en/alliance-2026/programme/index.html").read_text()
    )


def test_the_command_publishes_into_the_output(programme, tmp_path, capsys):
    call_command("publish_static", "--output", str(tmp_path))
    assert (tmp_path / "current/en/alliance-2026/programme/index.html").is_file()
    assert "Published" in capsys.readouterr().out


IMMEDIATE_TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
}


def test_a_title_change_is_published_within_seconds(
    programme, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    publish(tmp_path)
    settings.PUBLISH_STATIC_DIR = str(tmp_path)
    session = Session.objects.get(slug="opening")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        session.title = "Opening of the 26th conference"
        session.save()
    page = tmp_path / "current/en/alliance-2026/sessions/opening/index.html"
    assert "Opening of the 26th conference" in page.read_text()
    assert time.monotonic() - started < 10
    manifest = json.loads((tmp_path / "current" / MANIFEST).read_text())
    assert "/ru/alliance-2026/sessions/opening/" in manifest["paths"]


def test_other_changes_publish_the_whole_site(
    programme, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    settings.PUBLISH_STATIC_DELAY = 0
    publish(tmp_path)
    settings.PUBLISH_STATIC_DIR = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        programme.title = "The 26th Alliance conference"
        programme.save()
    page = tmp_path / "current/ru/alliance-2026/programme/index.html"
    assert "The 26th Alliance conference" in page.read_text()


def test_nothing_is_queued_without_a_publish_directory(programme, settings):
    settings.PUBLISH_STATIC_DIR = ""
    from django_tasks_db.models import DBTaskResult

    Session.objects.filter(slug="opening").get().save()
    assert DBTaskResult.objects.count() == 0


def change_title(slug: str, title: str) -> None:
    session = Session.objects.get(slug=slug)
    session.title = title
    session.save()


def wait_for(file: Path, text: str, *, seconds: float) -> None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if text in file.read_text():
            return
        time.sleep(0.1)
    pytest.fail(f"{text!r} not in {file} after {seconds} s")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_worker_publishes_a_title_change_within_10_seconds(
    programme, tmp_path, settings
):
    publish(tmp_path)
    database = connection.settings_dict
    env = os.environ | {
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:"
        f"{database['PORT']}/{database['NAME']}",
        "TESTING": "1",
        "PUBLISH_STATIC_DIR": str(tmp_path),
        "PUBLISH_STATIC_DELAY": "1",
    }
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    settings.PUBLISH_STATIC_DIR = str(tmp_path)
    try:
        # A first change while the worker starts: it is then running, and warm.
        warm = tmp_path / "current/en/alliance-2026/sessions/side-event/index.html"
        change_title("side-event", "Forum on forced criminality")
        wait_for(warm, "Forum on forced criminality", seconds=120)
        programme_page = tmp_path / "current/en/alliance-2026/programme/index.html"
        wait_for(programme_page, "Forum on forced criminality", seconds=60)
        page = tmp_path / "current/en/alliance-2026/sessions/opening/index.html"
        started = time.monotonic()
        change_title("opening", "Opening, published by the worker")
        wait_for(page, "Opening, published by the worker", seconds=10)
        assert time.monotonic() - started < 10
    finally:
        worker.terminate()
        worker.wait(timeout=10)
        log.close()


def test_during_the_conference_a_new_clock_window_publishes_again(programme, tmp_path):
    with time_machine.travel(dt.datetime(2026, 4, 20, 7, 0, tzinfo=dt.UTC), tick=False):
        publish(tmp_path)
        assert publishing.is_current(tmp_path)
    with time_machine.travel(dt.datetime(2026, 4, 20, 7, 5, tzinfo=dt.UTC), tick=False):
        assert not publishing.is_current(tmp_path)
    # The day after: the pages no longer follow the clock, and changed once more.
    with time_machine.travel(dt.datetime(2026, 4, 22, 7, 0, tzinfo=dt.UTC), tick=False):
        assert not publishing.is_current(tmp_path)
        publish(tmp_path)
    with time_machine.travel(dt.datetime(2026, 4, 23, 7, 0, tzinfo=dt.UTC), tick=False):
        assert publishing.is_current(tmp_path)


def test_the_worker_queues_the_clock_s_publishes(programme, tmp_path, settings):
    from django_tasks_db.models import DBTaskResult

    settings.PUBLISH_STATIC_DIR = str(tmp_path)
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        publish_static_site.call()
    first_day = DBTaskResult.objects.get()
    assert first_day.run_after == dt.datetime(2026, 4, 19, 22, 0, tzinfo=dt.UTC)
    first_day.delete()
    with time_machine.travel(dt.datetime(2026, 4, 20, 7, 1, tzinfo=dt.UTC), tick=False):
        publish_static_site.call()
    assert DBTaskResult.objects.get().run_after == dt.datetime(
        2026, 4, 20, 7, 5, tzinfo=dt.UTC
    )
