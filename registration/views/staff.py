"""Staff pages of a conference: the door (check-in), badges, exports, figures."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from events.models import Conference
from events.selectors import rooms_of
from registration import dashboard, exports, selectors
from registration.badges import badges_pdf
from registration.forms import CheckInForm
from registration.models import Registration
from registration.services.checkin import check_in
from registration.services.rules import settings_for


@staff_member_required
@permission_required("registration.check_in", raise_exception=True)
def checkin(request: HttpRequest, conference: str) -> HttpResponse:
    """The door: scan or type a code, or find a person by name."""
    conference_obj = get_object_or_404(Conference, slug=conference)
    sessions = selectors.checkin_sessions(conference_obj)
    # Door mode: a phone at one side event's door checks in to that one only.
    door = next((s for s in sessions if str(s.pk) == request.GET.get("door")), None)
    result = None
    form = CheckInForm(
        request.POST or None,
        sessions=sessions,
        initial={"session": door} if door else None,
    )
    if request.method == "POST" and form.is_valid():
        result = check_in(
            conference=conference_obj,
            code=form.cleaned_data["code"],
            session=form.cleaned_data["session"],
            by=request.user.get_username(),
        )
        form = CheckInForm(
            initial={"session": form.cleaned_data["session"]}, sessions=sessions
        )
    query = request.GET.get("q", "")
    return render(
        request,
        "registration/checkin.html",
        {
            "conference": conference_obj,
            "form": form,
            "door": door,
            "sessions": sessions,
            "result": result,
            "query": query,
            "people": selectors.find_people(conference_obj, query),
            "figures": selectors.attendance_figures(conference_obj),
        },
    )


def badge_ids(ids: str) -> list[int] | None:
    """The registration ids of "1,2,3", or None if any is not a plain number.

    ASCII digits only: int() would also take "\u0661" (Arabic-Indic one), signs and
    spaces. Ids beyond 2**63 - 1 would overflow SQLite.
    """
    parts = ids.split(",")
    if not all(part.isascii() and part.isdigit() for part in parts):
        return None
    pks = [int(part) for part in parts]
    if not all(0 < pk < 2**63 for pk in pks):
        return None
    return pks


@staff_member_required
@permission_required("registration.view_registration", raise_exception=True)
def badges(request: HttpRequest, conference: str) -> HttpResponse:
    conference_obj = get_object_or_404(Conference, slug=conference)
    registrations = Registration.objects.filter(
        conference=conference_obj,
        attendance=Registration.Attendance.IN_PERSON,
        status=Registration.Status.CONFIRMED,
    ).select_related("conference")
    ids = request.GET.get("ids")
    if ids is not None:
        pks = badge_ids(ids)
        if pks is None:
            return HttpResponseBadRequest(_("ids must be numbers separated by commas."))
        registrations = registrations.filter(pk__in=pks)
    response = HttpResponse(
        badges_pdf(registrations.order_by("family_name", "given_name")),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="badges-{conference}.pdf"'
    return response


@staff_member_required
@permission_required("registration.view_registration", raise_exception=True)
def export(
    request: HttpRequest, conference: str, report: str, fmt: str
) -> HttpResponse:
    conference_obj = get_object_or_404(Conference, slug=conference)
    if report not in exports.REPORTS or fmt not in {"csv", "xlsx"}:
        raise Http404
    header, rows = exports.build_report(conference_obj, report)
    if fmt == "csv":
        content = exports.to_csv(header, rows)
        content_type = "text/csv; charset=utf-8"
    else:
        content = exports.to_xlsx(header, rows, report)
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{conference}-{report}.{fmt}"'
    )
    return response


@staff_member_required
@permission_required("registration.view_registration", raise_exception=True)
def staff_home(request: HttpRequest, conference: str) -> HttpResponse:
    """The staff dashboard: places, side-event seats, invitations, arrivals."""
    conference_obj = get_object_or_404(Conference, slug=conference)
    rules = settings_for(conference_obj)
    return render(
        request,
        "registration/staff.html",
        {
            "conference": conference_obj,
            "reports": exports.report_labels(),
            "dashboard": dashboard.dashboard_for(conference_obj, rules),
            # During the conference the arrivals refresh by themselves.
            "refresh_seconds": 60
            if dashboard.conference_is_on(conference_obj)
            else None,
            "rooms": rooms_of(conference_obj, conference_obj.sessions.all()),
        },
    )
