"""Saving an endpoint: a new secret on request, a fresh start when turned on again."""

from webhooks.models import Endpoint, new_secret


def save_endpoint(endpoint: Endpoint, *, new_secret_wanted: bool = False) -> Endpoint:
    """Save; an endpoint turned on again starts without its failure record."""
    if new_secret_wanted:
        endpoint.secret = new_secret()
    if endpoint.is_active and endpoint.disabled_at is not None:
        endpoint.disabled_at = None
        endpoint.disabled_reason = ""
        endpoint.failing_since = None
    endpoint.save()
    return endpoint
