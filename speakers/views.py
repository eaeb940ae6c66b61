"""Public pages about people on the programme."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from events.selectors import sessions_visible_to
from speakers.models import Person


def person_detail(request: HttpRequest, person: str) -> HttpResponse:
    person_obj = get_object_or_404(
        Person.objects.select_related("organisation"), slug=person
    )
    participations = (
        person_obj.participations.filter(session__in=sessions_visible_to(request.user))
        .select_related("session", "session__conference", "session__room")
        .order_by("session__start")
    )
    return render(
        request,
        "speakers/person_detail.html",
        {"person": person_obj, "participations": participations},
    )
