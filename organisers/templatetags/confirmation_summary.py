"""The "who has confirmed" panel on the session's and conference's admin pages.

The admin pages are the programme's (``events``); the panel is the organisers'
and reaches them through the template only, so events never imports organisers.
"""

from django import template

from events.models import Conference, Session
from organisers import selectors

register = template.Library()


@register.inclusion_tag("organisers/admin/confirmation_summary.html")
def confirmation_summary(obj: Session | Conference | None) -> dict:
    if isinstance(obj, Session) and obj.pk:
        groups = selectors.session_confirmations(obj)
    elif isinstance(obj, Conference) and obj.pk:
        groups = selectors.conference_confirmations(obj)
    else:
        groups = []
    return {"groups": groups, "total": sum(group.count for group in groups)}
