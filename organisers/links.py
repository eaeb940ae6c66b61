"""Personal links of organisers and speakers: tokens, their hashes, addresses.

A leaf module: e-mails, tasks and services import it, it imports none of them.
"""

from django.urls import reverse
from django.utils import timezone, translation

from events.site_url import absolute_url
from events.tokens import new_token
from organisers.models import OrganiserAccess, SpeakerConfirmation


def portal_url(token: str, language: str = "en") -> str:
    with translation.override(language):
        return absolute_url(reverse("organisers:portal", kwargs={"token": token}))


def confirmation_url(token: str, language: str = "en") -> str:
    with translation.override(language):
        return absolute_url(reverse("organisers:confirm", kwargs={"token": token}))


def issue_access_token(access: OrganiserAccess) -> str:
    """A new link for the contact person; the old one stops working."""
    token, digest = new_token()
    access.token_hash = digest
    access.link_sent_at = timezone.now()
    access.save(update_fields=["token_hash", "link_sent_at"])
    return token


def issue_confirmation_token(confirmation: SpeakerConfirmation) -> str:
    """A new link for the speaker; the old one stops working."""
    token, digest = new_token()
    confirmation.token_hash = digest
    confirmation.save(update_fields=["token_hash"])
    return token
