"""Online sign-up: anyone may ask for the link of a session streamed online."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Session
from registration.models import OnlineSignup
from registration.services import RegistrationError
from registration.services.mail import queue_email


@transaction.atomic
def sign_up_online(
    *,
    session: Session,
    name: str,
    email: str,
    organisation: str,
    language: str,
    consent: bool,
) -> OnlineSignup:
    """Record the sign-up (once per address) and queue the e-mail with the link."""
    if not consent:
        raise RegistrationError(
            _("Consent to the processing of personal data is required."),
            field="consent",
        )
    signup, _created = OnlineSignup.objects.update_or_create(
        session=session,
        email=email.lower(),
        defaults={
            "name": name,
            "organisation": organisation,
            "language": language,
            "consent_at": timezone.now(),
        },
    )
    queue_email("online_link", signup.pk)
    return signup
