"""Open pages: the privacy notice and the sign-up for sessions streamed online."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django_ratelimit.core import is_ratelimited

from events.models import Session
from registration.forms import OnlineSignupForm
from registration.services.online import sign_up_online


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
            sign_up_online(session=session_obj, **form.cleaned_data)
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
    return settings.RATELIMIT_ONLINE_SIGNUP
