"""Proposers' personal links: only a hash of each token is stored.

A leaf module, as ``registration.links`` is for invitations: e-mails, tasks and
services import it, and it imports none of them.
"""

from django.urls import reverse
from django.utils import translation

from events.site_url import absolute_url
from events.tokens import new_token
from proposals.models import Proposal


def issue_token(proposal: Proposal) -> str:
    """Give the proposal a new link; the old one stops working."""
    token, digest = new_token()
    proposal.token_hash = digest
    proposal.save(update_fields=["token_hash", "updated_at"])
    return token


def proposal_url(token: str, language: str = "en") -> str:
    """The proposer's personal link, in the language of the proposal."""
    with translation.override(language):
        path = reverse("proposals:edit", kwargs={"token": token})
    return absolute_url(path)


def call_url(conference_slug: str, language: str = "en") -> str:
    with translation.override(language):
        path = reverse("proposals:call", kwargs={"conference": conference_slug})
    return absolute_url(path)
