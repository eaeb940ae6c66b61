"""The invitee's personal link: register, see, change or cancel, or decline."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from registration import selectors
from registration.forms import RegistrationForm
from registration.models import Invitation, Registration
from registration.revisions import keeps_own_revision
from registration.services import RegistrationError
from registration.services import places as place_services
from registration.services import registrations as registration_services
from registration.services.invitations import decline_invitation, mark_opened
from registration.services.rules import settings_for


def _problem_page(
    request: HttpRequest, message: str, invitation: Invitation | None
) -> HttpResponse:
    contact = selectors.conference_contact_email(
        invitation.conference if invitation else None
    )
    response = render(
        request,
        "registration/link_problem.html",
        {"message": message, "secretariat_email": contact},
        status=404,
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


def _registration_limited(request: HttpRequest, invitation: Invitation) -> bool:
    """Count a registration form sent for this invitation against its limits.

    Delegations register from one ministry, mission or venue network, behind one
    address: the tight limit is per invitation (RATELIMIT_REGISTRATION), and a
    generous ceiling per address (RATELIMIT_REGISTRATION_ADDRESS) stops a flood.
    """
    by_invitation = is_ratelimited(
        request,
        group="registration.registration",
        key=lambda _group, _request: invitation.token_hash,
        rate=settings.RATELIMIT_REGISTRATION,
        method=is_ratelimited.ALL,
        increment=True,
    )
    by_address = _limited(request, "registration_address")
    return by_invitation or by_address


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
    invitation = selectors.find_invitation(token)
    if invitation is None and _limited(request, "token_miss"):
        return None, _too_many(request)
    problem = selectors.invitation_problem(invitation)
    if problem:
        return None, _problem_page(request, problem, invitation)
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
    rules = settings_for(conference)
    sessions = selectors.registrable_sessions(conference)
    registrations = list(selectors.registrations_of(invitation))
    closed = selectors.changes_closed(rules)
    can_register = not closed and len(registrations) < invitation.seats
    form = None
    if request.method == "POST":
        if not can_register:
            messages.error(request, _("No further registration is possible."))
            return redirect("registration:invitation", token=token)
        if _registration_limited(request, invitation):
            return _too_many(request)
        form = RegistrationForm(request.POST, sessions=sessions)
        if form.is_valid():
            try:
                registration = registration_services.register(
                    invitation=invitation,
                    data=form.to_data(),
                    submission_key=str(form.cleaned_data["submission_key"]),
                )
            except RegistrationError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(
                    request,
                    _with_waiting(_status_message(registration), registration),
                )
                return redirect("registration:invitation", token=token)
    else:
        mark_opened(invitation)
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
            "deadline": conference.local(selectors.registration_closes_at(rules)),
            "secretariat_email": selectors.contact_email(rules),
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
    waiting = selectors.waiting_message(registration)
    return f"{message} {waiting}" if waiting else message


def registration_edit(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    invitation, problem = _invitation_or_problem(request, token)
    if problem:
        return problem
    registration = _own_registration(invitation, pk)
    if registration.status == Registration.Status.CANCELLED:
        return redirect("registration:invitation", token=token)
    sessions = selectors.registrable_sessions(invitation.conference)
    if request.method == "POST":
        if _registration_limited(request, invitation):
            return _too_many(request)
        form = RegistrationForm(request.POST, sessions=sessions)
        if form.is_valid():
            try:
                registration_services.change_registration(registration, form.to_data())
            except RegistrationError as error:
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
            registration_services.cancel_registration(registration)
        except RegistrationError as error:
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
        place_services.accept_offer(registration)
    except RegistrationError as error:
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
            decline_invitation(invitation)
        except RegistrationError as error:
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
