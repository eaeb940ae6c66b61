"""Pages of registration: the invitee's personal link, online sign-up, staff tools.

Views stay thin: forms validate, services write, selectors read.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from alliance.audit import keeps_own_revision
from events.models import Conference, Session
from registration import exports, selectors, services
from registration.badges import badges_pdf
from registration.forms import CheckInForm, OnlineSignupForm, RegistrationForm
from registration.models import Invitation, Registration


def _problem_page(request: HttpRequest, message: str) -> HttpResponse:
    response = render(
        request, "registration/link_problem.html", {"message": message}, status=404
    )
    # The path holds a token: keep it out of Django's "Not Found" log lines.
    response._has_been_logged = True
    return response


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "3600"
    response._has_been_logged = True  # the path holds a token: keep it out of logs
    return response


def _limited(request: HttpRequest, group: str, *, increment: bool = True) -> bool:
    """Count this request against its per-address limit, RATELIMIT_<GROUP>."""
    return is_ratelimited(
        request,
        group=f"registration.{group}",
        key="ip",
        rate=getattr(settings, f"RATELIMIT_{group.upper()}"),
        method=is_ratelimited.ALL,
        increment=increment,
    )


def _invitation_or_problem(
    request: HttpRequest, token: str
) -> tuple[Invitation | None, HttpResponse | None]:
    """The invitation of a link, or the page to answer instead.

    Look-ups are limited per address, and look-ups of unknown tokens far more
    tightly, so that guessing tokens from one address gets nowhere.
    """
    if _limited(request, "token_miss", increment=False) or (
        request.method == "GET" and _limited(request, "token_lookup")
    ):
        return None, _too_many(request)
    invitation = services.find_invitation(token)
    if invitation is None and _limited(request, "token_miss"):
        return None, _too_many(request)
    problem = services.invitation_problem(invitation)
    if problem:
        return None, _problem_page(request, problem)
    return invitation, None


def _own_registration(invitation: Invitation, pk: int) -> Registration:
    registration = invitation.registrations.filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


@keeps_own_revision
def invitation_view(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee's landing page: register, see, change or cancel, or decline."""
    invitation, problem = _invitation_or_problem(request, token)
    if problem:
        return problem
    conference = invitation.conference
    rules = services.settings_for(conference)
    sessions = services.registrable_sessions(conference)
    registrations = list(selectors.registrations_of(invitation))
    closed = services.changes_closed(rules)
    can_register = not closed and len(registrations) < invitation.seats
    form = None
    if request.method == "POST":
        if not can_register:
            messages.error(request, _("No further registration is possible."))
            return redirect("registration:invitation", token=token)
        if _limited(request, "registration"):
            return _too_many(request)
        form = RegistrationForm(request.POST, sessions=sessions)
        if form.is_valid():
            try:
                registration = services.register(
                    invitation=invitation,
                    data=form.to_data(),
                    submission_key=str(form.cleaned_data["submission_key"]),
                )
            except services.RegistrationError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(
                    request,
                    _with_waiting(_status_message(registration), registration),
                )
                return redirect("registration:invitation", token=token)
    else:
        services.mark_opened(invitation)
        if can_register:
            initial = {} if registrations else form_initial(invitation)
            form = RegistrationForm(initial=initial, sessions=sessions)
    return render(
        request,
        "registration/invitation.html",
        {
            "invitation": invitation,
            "conference": conference,
            "registrations": registrations,
            "form": form if can_register else None,
            "closed": closed,
            "deadline": rules.deadline and conference.local(rules.deadline),
            "token": token,
        },
        status=400 if form is not None and form.errors else 200,
    )


def form_initial(invitation: Invitation) -> dict:
    return RegistrationForm.initial_for_invitation(invitation)


def _status_message(registration: Registration) -> str:
    return {
        Registration.Status.CONFIRMED: _("Your registration is confirmed."),
        Registration.Status.PENDING: _(
            "Thank you: your registration is waiting for approval."
        ),
        Registration.Status.WAITLISTED: _(
            "The venue is full: you are on the waiting list. We will write to you "
            "if a place becomes free."
        ),
        Registration.Status.OFFERED: _("A place is offered to you."),
        Registration.Status.CANCELLED: _("Your registration is cancelled."),
    }[registration.status]


def _with_waiting(message: str, registration: Registration) -> str:
    """Add which full side events the person now waits for, if any."""
    waiting = services.waiting_message(registration)
    return f"{message} {waiting}" if waiting else message


def registration_edit(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    invitation, problem = _invitation_or_problem(request, token)
    if problem:
        return problem
    registration = _own_registration(invitation, pk)
    if registration.status == Registration.Status.CANCELLED:
        return redirect("registration:invitation", token=token)
    sessions = services.registrable_sessions(invitation.conference)
    if request.method == "POST":
        if _limited(request, "registration"):
            return _too_many(request)
        form = RegistrationForm(request.POST, sessions=sessions)
        if form.is_valid():
            try:
                services.change_registration(registration, form.to_data())
            except services.RegistrationError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(
                    request, _with_waiting(_("Your changes are saved."), registration)
                )
                return redirect("registration:invitation", token=token)
    else:
        form = RegistrationForm(
            initial=RegistrationForm.initial_for_registration(registration),
            sessions=sessions,
        )
    return render(
        request,
        "registration/registration_form.html",
        {"form": form, "registration": registration, "invitation": invitation},
        status=400 if form.errors else 200,
    )


def registration_cancel(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    invitation, problem = _invitation_or_problem(request, token)
    if problem:
        return problem
    registration = _own_registration(invitation, pk)
    if request.method == "POST":
        try:
            services.cancel_registration(registration)
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your registration is cancelled."))
        return redirect("registration:invitation", token=token)
    return render(
        request,
        "registration/confirm.html",
        {
            "question": _("Cancel the registration of %(name)s?")
            % {"name": registration.full_name},
            "button": _("Cancel registration"),
        },
    )


@require_POST
def accept_offer(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    invitation, problem = _invitation_or_problem(request, token)
    if problem:
        return problem
    registration = _own_registration(invitation, pk)
    try:
        services.accept_offer(registration)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _with_waiting(_("You have accepted the place. Thank you."), registration),
        )
    return redirect("registration:invitation", token=token)


def decline(request: HttpRequest, token: str) -> HttpResponse:
    invitation, problem = _invitation_or_problem(request, token)
    if problem:
        return problem
    if request.method == "POST":
        try:
            services.decline_invitation(invitation)
        except services.RegistrationError as error:
            messages.error(request, error.message)
            return redirect("registration:invitation", token=token)
        return render(request, "registration/declined.html")
    return render(
        request,
        "registration/confirm.html",
        {
            "question": _("Decline the invitation to %(conference)s?")
            % {"conference": invitation.conference},
            "button": _("Decline the invitation"),
        },
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/privacy.html")


def online_signup(request: HttpRequest, conference: str, session: str) -> HttpResponse:
    """Open sign-up for a session whose online link is sent on registration."""
    session_obj = get_object_or_404(
        Session.objects.published().select_related("conference"),
        conference__slug=conference,
        slug=session,
        online_link_on_registration=True,
    )
    if request.method == "POST":
        if is_ratelimited(
            request,
            group="registration.online_signup",
            key="ip",
            rate=_signup_rate,
            method="POST",
            increment=True,
        ):
            return render(
                request,
                "registration/rate_limited.html",
                {"session": session_obj},
                status=429,
            )
        form = OnlineSignupForm(request.POST)
        if form.is_valid():
            services.sign_up_online(session=session_obj, **form.cleaned_data)
            return render(
                request,
                "registration/online_signup_done.html",
                {"session": session_obj},
            )
    else:
        form = OnlineSignupForm(initial={"language": request.LANGUAGE_CODE[:2]})
    return render(
        request,
        "registration/online_signup.html",
        {"form": form, "session": session_obj},
        status=400 if form.errors else 200,
    )


def _signup_rate(group: str, request: HttpRequest) -> str:
    from django.conf import settings

    return settings.RATELIMIT_ONLINE_SIGNUP


# Staff


@staff_member_required
@permission_required("registration.check_in", raise_exception=True)
def checkin(request: HttpRequest, conference: str) -> HttpResponse:
    """The door: scan or type a code, or find a person by name."""
    conference_obj = get_object_or_404(Conference, slug=conference)
    sessions = selectors.checkin_sessions(conference_obj)
    result = None
    form = CheckInForm(request.POST or None, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        result = services.check_in(
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
            "result": result,
            "query": query,
            "people": selectors.find_people(conference_obj, query),
            "figures": selectors.attendance_figures(conference_obj),
        },
    )


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
    if ids:
        try:
            pks = [int(pk) for pk in ids.split(",")]
            if not all(0 < pk < 2**63 for pk in pks):  # SQLite overflows beyond
                raise ValueError
            registrations = registrations.filter(pk__in=pks)
        except ValueError:
            return HttpResponseBadRequest(_("ids must be numbers separated by commas."))
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
    conference_obj = get_object_or_404(Conference, slug=conference)
    rules = services.settings_for(conference_obj)
    return render(
        request,
        "registration/staff.html",
        {
            "conference": conference_obj,
            "reports": exports.REPORTS,
            "taken": selectors.seats_taken(conference_obj),
            "capacity": services.capacity_of(conference_obj, rules),
        },
    )
