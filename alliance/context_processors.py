"""Template context every page shares."""

from django.conf import settings
from django.http import HttpRequest


def secretariat(request: HttpRequest) -> dict[str, str]:
    """The site-wide secretariat address, for the footer; pages of one conference
    pass that conference's own as secretariat_email instead."""
    return {"secretariat_email": settings.SECRETARIAT_EMAIL}
