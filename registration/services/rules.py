"""A conference's registration settings, and the dates they give."""

import datetime as dt

from django.utils import timezone

from events.models import Conference
from registration.models import RegistrationSettings


def settings_for(conference: Conference) -> RegistrationSettings:
    """The conference's registration settings, created with the defaults if none."""
    registration_settings, _created = RegistrationSettings.objects.get_or_create(
        conference=conference
    )
    registration_settings.conference = conference  # read by the closing time
    return registration_settings


def invitation_expiry(conference: Conference) -> dt.datetime:
    """When an invitation created or sent now stops working, by the settings."""
    rules = settings_for(conference)
    return timezone.now() + dt.timedelta(days=rules.invitation_days)
