"""The alert to the secretariat when e-mails start failing.

Sent through the outbox like any e-mail, so it is retried too; but when the mail
server is down it may fail as well, which is why the admin also shows a banner
(``outbox.selectors.trouble``) while any e-mail is failing or given up.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string

from events.site_url import absolute_url
from outbox.models import Email


def secretariat_address(conference: object) -> str:
    """The conference's contact (``OUTBOX_CONTACT``), else the site-wide one."""
    contact = import_string(settings.OUTBOX_CONTACT)(conference)
    return contact or settings.SECRETARIAT_EMAIL


def build_message(kind: str, pk: int | None) -> EmailMessage | None:
    """The alert about the e-mail that failed first; None once it was sent."""
    if kind != "failing_alert":
        raise ValueError(kind)
    failed = Email.objects.select_related("conference").filter(pk=pk).first()
    if failed is None:
        return None
    to = secretariat_address(failed.conference)
    if not to:
        return None
    with translation.override("en"):
        context = {
            "failed": failed,
            "failing_url": absolute_url(
                reverse("admin:outbox_email_changelist") + "?state__exact=failing"
            ),
        }
        subject = " ".join(
            render_to_string("outbox/emails/failing_alert_subject.txt", context).split()
        )
        body = render_to_string("outbox/emails/failing_alert.txt", context)
    return EmailMessage(
        subject=subject, body=body, to=[to], headers={"Content-Language": "en"}
    )
