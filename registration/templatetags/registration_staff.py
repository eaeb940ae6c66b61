"""Links to the staff dashboards, for the admin index (templates/admin/index.html)."""

from django import template
from django.db.models import QuerySet

from events.models import Conference

register = template.Library()


@register.simple_tag
def staff_dashboards() -> QuerySet[Conference]:
    """The conferences, newest first: each has a staff dashboard."""
    return Conference.objects.order_by("-start_date").only("slug", "title")
