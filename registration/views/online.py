"""Open pages: the privacy notice and following a conference online.

One sign-up per conference; the per-session address of the earlier sign-up, still
in e-mails and printed programmes, leads to it with that session ticked.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django_ratelimit.core import is_ratelimited

from events.models import Conference, Session
from registration import selectors
from registration.forms import OnlineSignupForm
from registration.services import RegistrationError
from registration.services.online import online_signup_is_open, sign_up_online


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/privacy.html")


def online_conference(request: HttpRequest, conference: str) -> HttpResponse:
    """Sign up once to receive the Zoom details of the conference's online sessions."""
    conference_obj = get_object_or_404(Conference.objects.published(), slug=conference)
    sessions = selectors.online_sessions(conference_obj)
    offered = list(sessions)
    if not offered:
        raise Http404
    context = {
        "conference": conference_obj,
        "closes_at": conference_obj.local(
            selectors.online_signup_closes_at(conference_obj)
        ),
        "secretariat_email": selectors.conference_contact_email(conference_obj),
    }
    if not online_signup_is_open(conference_obj):
        return render(request, "registration/online_signup_closed.html", context)
    if request.method == "POST":
        if is_ratelimited(
            request,
            group="registration.online_signup",
            key="ip",
            rate=_signup_rate,
            method="POST",
            increment=True,
        ):
            return render(request, "registration/rate_limited.html", status=429)
        form = OnlineSignupForm(request.POST, sessions=sessions)
        if form.is_valid():
            try:
                participant = sign_up_online(
                    conference=conference_obj, **form.cleaned_data
                )
            except RegistrationError as error:
                form.add_error(error.field, error.message)
            else:
                return render(
                    request,
                    "registration/online_signup_done.html",
                    {**context, "participant": participant},
                )
    else:
        ticked = set(request.GET.getlist("session"))
        form = OnlineSignupForm(
            initial={
                "language": request.LANGUAGE_CODE[:2],
                "sessions": [s for s in offered if s.slug in ticked],
            },
            sessions=sessions,
        )
    return render(
        request,
        "registration/online_signup.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )


def online_signup(request: HttpRequest, conference: str, session: str) -> HttpResponse:
    """The earlier per-session address: the conference's sign-up, session ticked."""
    session_obj = get_object_or_404(
        Session.objects.published(),
        conference__slug=conference,
        slug=session,
        online_link_on_registration=True,
    )
    if not session_obj.followed_by_online_signup:
        # It has its own registration page now, which its page links.
        return redirect(session_obj.get_absolute_url())
    url = reverse("registration:online", kwargs={"conference": conference})
    return redirect(f"{url}?{urlencode({'session': session})}")


def _signup_rate(group: str, request: HttpRequest) -> str:
    return settings.RATELIMIT_ONLINE_SIGNUP
