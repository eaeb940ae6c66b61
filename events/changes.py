"""The public history of the programme: the Changes page and its Atom feed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import feedgenerator, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from events.feeds import FEED_CACHE_CONTROL
from events.models import Conference, ProgrammeRelease
from events.releases import releases_of
from events.visibility import conferences_visible_to

CHANGE_LABELS = dict(ProgrammeRelease.Change.choices)


def _conference(request: HttpRequest, slug: str) -> Conference:
    return get_object_or_404(conferences_visible_to(request.user), slug=slug)


def change_lines(release: ProgrammeRelease, conference: Conference) -> list[dict]:
    """Each change as a reader sees it: what happened, to which session, when."""
    lines = []
    for change in release.changes:
        now = change["after"] or change["before"]
        lines.append(
            {
                "kind": change["change"],
                "label": str(CHANGE_LABELS.get(change["change"], change["change"])),
                "title": now["title"],
                "slug": now["slug"],
                "room": now["room"],
                "start": now["start"],
                "was_start": change["before"]["start"] if change["before"] else "",
                "was_room": change["before"]["room"] if change["before"] else "",
                "url": reverse(
                    "events:session",
                    kwargs={"conference": conference.slug, "session": now["slug"]},
                )
                if change["after"]
                else "",
            }
        )
    return lines


def _releases(conference: Conference) -> list[dict]:
    return [
        {"release": release, "lines": change_lines(release, conference)}
        for release in releases_of(conference)
    ]


def changes_page(request: HttpRequest, conference: str) -> HttpResponse:
    """Every published version, newest first, with what it changed."""
    conference_obj = _conference(request, conference)
    return render(
        request,
        "events/changes.html",
        {"conference": conference_obj, "releases": _releases(conference_obj)},
    )


@require_safe
def changes_atom(request: HttpRequest, conference: str) -> HttpResponse:
    """One Atom entry per published version, for feed readers."""
    language = request.GET.get("lang", "")
    with translation.override(language if language in ("en", "ru", "de") else "en"):
        conference_obj = _conference(request, conference)
        page = request.build_absolute_uri(
            reverse("events:changes", kwargs={"conference": conference_obj.slug})
        )
        feed = feedgenerator.Atom1Feed(
            title=_("Changes to the programme: %(title)s")
            % {"title": conference_obj.title},
            link=page,
            description="",
            feed_url=request.build_absolute_uri(),
            language=translation.get_language(),
        )
        releases = _releases(conference_obj)
        if not releases:
            # Without a version the feed would be dated at each request (Django's
            # default); the conference's own date keeps it one answer for all,
            # as the page cache and the static site need.
            feed.latest_post_date = lambda: conference_obj.updated_at
        for item in releases:
            release = item["release"]
            text = "\n".join(
                f"{line['label']}: {line['title']} ({line['start']}, {line['room']})"
                for line in item["lines"]
            )
            feed.add_item(
                title=_("Version %(number)s") % {"number": release.number}
                + (f": {release.note}" if release.note else ""),
                link=f"{page}#v{release.number}",
                description=text,
                unique_id=f"{page}#v{release.number}",
                updateddate=release.published_at,
                pubdate=release.published_at,
            )
        response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
        feed.write(response, "utf-8")
    response["Cache-Control"] = FEED_CACHE_CONTROL
    return response
