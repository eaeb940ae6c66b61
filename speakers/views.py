"""Public pages about people on the programme."""

from itertools import groupby

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from events.views import public
from events.visibility import conferences_visible_to, sees_drafts
from speakers.models import Person
from speakers.selectors import (
    participations_of,
    people_visible_to,
    sessions_with_roles,
)


@public
def person_list(request: HttpRequest) -> HttpResponse:
    """Everybody on the programme, alphabetical by family name, by initial."""
    slug = request.GET.get("conference", "")
    conference = (
        conferences_visible_to(request.user).filter(slug=slug).first() if slug else None
    )
    if slug and conference is None:
        raise Http404
    people = people_visible_to(request.user, conference=conference)
    letters = [
        (letter, list(group))
        for letter, group in groupby(
            people, key=lambda person: person.family_name[:1].upper()
        )
    ]
    return render(
        request,
        "speakers/person_list.html",
        {"conference": conference, "letters": letters},
    )


@public
def person_detail(request: HttpRequest, person: str) -> HttpResponse:
    person_obj = get_object_or_404(
        Person.objects.select_related("organisation"), slug=person
    )
    participations = list(participations_of(person_obj, request.user))
    if not participations and not sees_drafts(request.user):
        raise Http404
    return render(
        request,
        "speakers/person_detail.html",
        {
            "person": person_obj,
            "participations": participations,
            "sessions": sessions_with_roles(participations),
            # One calendar feed per conference the person takes part in.
            "conferences": list(
                dict.fromkeys(p.session.conference for p in participations)
            ),
        },
    )


def person_photo(request: HttpRequest, person: str) -> FileResponse:
    """The photo of someone on the visible programme, as an image only."""
    person_obj = get_object_or_404(Person, slug=person)
    visible = participations_of(person_obj, request.user)
    if not person_obj.photo or not (visible.exists() or sees_drafts(request.user)):
        raise Http404
    try:
        handle = person_obj.photo.open("rb")
    except OSError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300"
    return response
