"""The admin's banner while e-mails are failing or given up."""

from django import template
from django.http import HttpRequest

from outbox.selectors import Trouble, trouble

register = template.Library()


@register.simple_tag(takes_context=True)
def email_trouble(context: template.Context) -> Trouble | None:
    """Failing and given-up e-mails, for staff who may see them; one query."""
    request: HttpRequest | None = context.get("request")
    if request is None or not request.user.has_perm("outbox.view_email"):
        return None
    return trouble()
