"""Tokens and the absolute links that carry them.

A leaf module: e-mails, tasks and services all import it, and it imports none of
them, so that building an e-mail never needs the service layer.
"""

from django.urls import reverse
from django.utils import translation

from events.site_url import absolute_url
from events.tokens import new_token
from registration.models import Invitation, PersonalLink


def issue_token(invitation: Invitation) -> str:
    """Give the invitation a new link; the old ones, all of them, stop working."""
    token, digest = new_token()
    invitation.token_hash = digest
    invitation.save(update_fields=["token_hash", "updated_at"])
    invitation.personal_links.all().delete()
    return token


def issue_further_link(invitation: Invitation) -> str:
    """One more link to the invitation, for an e-mail; the others keep working."""
    token, digest = new_token()
    PersonalLink.objects.create(invitation=invitation, token_hash=digest)
    return token


def invitation_url(token: str, language: str = "en") -> str:
    """The invitee's personal link, in the language the invitee reads."""
    with translation.override(language):
        path = reverse("registration:invitation", kwargs={"token": token})
    return absolute_url(path)
