"""Queueing an e-mail, and one attempt at it: build, send, record what happened.

Nothing is lost silently. A failure while building the message (a bug) and one
while sending it (the mail server refusing or unreachable) both leave the e-mail
``failing`` with its error and the time of its next attempt, with a growing delay
(``EMAIL_RETRY_DELAYS``), and ``given up`` after the last one, where staff see
it and re-send it. The first failure after a healthy spell tells staff: one
alert e-mail (built by ``outbox.alerts``) to the secretariat, and the admin's
banner while any e-mail is failing or given up.

One task, ``send_email``, makes every attempt of every app's e-mails.
"""

import datetime as dt
import logging
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.tasks import task
from django.utils.module_loading import import_string

from events.now import now
from events.site_url import current_origin, using_origin
from outbox.models import Alert, Email

logger = logging.getLogger(__name__)

Builder = Callable[..., EmailMessage | None]


def queue(
    *,
    app: str,
    kind: str,
    about: models.Model | None = None,
    conference_id: int | None = None,
    recipient: str = "",
    language: str = "",
    extra: dict | None = None,
) -> Email:
    """Write the e-mail and its sending job in the current transaction.

    Both commit with the change that causes the e-mail, or neither does. The
    record carries the request's origin, so that links follow the host and port
    the request came in on where ``SITE_URL`` is unset.
    """
    email = Email.objects.create(
        app=app,
        kind=kind,
        content_type=ContentType.objects.get_for_model(about) if about else None,
        object_id=about.pk if about else None,
        conference_id=conference_id,
        recipient=recipient[:500],
        language=language,
        extra=extra or {},
        origin=current_origin(),
        next_attempt_at=now(),
    )
    send_email.enqueue(email.pk)
    return email


@task
def send_email(email_id: int) -> str:
    """Try to send the e-mail now; a failure queues the next attempt itself."""
    return attempt(email_id)


def builder_for(app: str) -> Builder:
    """The function that builds the app's e-mails (``OUTBOX_BUILDERS``)."""
    return import_string(settings.OUTBOX_BUILDERS[app])


def attempt(email_id: int) -> str:
    """Make one attempt at the e-mail if it is due; return its state after it.

    The e-mail's row is locked, so two workers (or a retry and a staff re-send)
    never send it twice. What the builder writes (a new personal link, an
    invitation marked as sent) is undone when the mail server refuses the message.
    """
    with transaction.atomic():
        email = Email.objects.select_for_update().filter(pk=email_id).first()
        if email is None:
            return "gone"
        if email.state not in {Email.State.QUEUED, Email.State.FAILING} or (
            email.next_attempt_at and email.next_attempt_at > now()
        ):
            return "not due"  # sent, re-sent meanwhile, or a later attempt is set
        email.attempts += 1
        step = Email.Step.BUILDING
        try:
            with transaction.atomic(), using_origin(email.origin):
                message = builder_for(email.app)(
                    email.kind, email.object_id, **email.extra
                )
                if message is not None:
                    _describe(email, message)
                    step = Email.Step.SENDING
                    message.send()
        except (smtplib.SMTPException, OSError) as error:
            _failed(email, step, error)
        except Exception as error:
            # A bug in building (or in the backend): kept, shown and retried, so
            # that a fix deployed meanwhile sends the e-mail.
            logger.exception("E-mail %s #%s could not be built", email.kind, email.pk)
            _failed(email, step, error)
        else:
            _succeeded(email, sent=message is not None)
        email.save()
    if email.needs_staff:
        tell_staff_if_first(email)
    else:
        close_alert_when_healthy()
    return email.state


def _describe(email: Email, message: EmailMessage) -> None:
    email.recipient = ", ".join(message.to)[:500]
    email.subject = str(message.subject)[:300]
    email.language = message.extra_headers.get("Content-Language", email.language)


def _succeeded(email: Email, *, sent: bool) -> None:
    email.state = Email.State.SENT if sent else Email.State.NOT_NEEDED
    email.failed_step = ""
    email.next_attempt_at = None
    if sent:
        email.sent_at = now()


def _failed(email: Email, step: str, error: Exception) -> None:
    email.failed_step = step
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    delays = settings.EMAIL_RETRY_DELAYS
    if email.attempts <= len(delays):
        email.state = Email.State.FAILING
        email.next_attempt_at = now() + dt.timedelta(seconds=delays[email.attempts - 1])
        send_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
        logger.warning(
            "E-mail %s #%s failed (attempt %s, %s); next attempt at %s",
            email.kind,
            email.pk,
            email.attempts,
            email.last_error,
            email.next_attempt_at.isoformat(),
        )
    else:
        email.state = Email.State.GIVEN_UP
        email.next_attempt_at = None
        logger.error(
            "E-mail %s #%s failed %s times (%s); given up until staff re-send it",
            email.kind,
            email.pk,
            email.attempts,
            email.last_error,
        )


ALERT_KIND = "failing_alert"


def tell_staff_if_first(email: Email) -> None:
    """Open an alert and mail the secretariat, unless one is open already.

    One alert per spell of failures, not one per e-mail: the constraint lets a
    single alert be open, so two workers failing at once still send one.
    """
    if email.app == "outbox" or Alert.objects.filter(is_open=True).exists():
        return  # the alert itself failing says nothing new
    try:
        with transaction.atomic():
            alert = Alert.objects.create(first_failure=email)
            alert.notice = queue(
                app="outbox",
                kind=ALERT_KIND,
                about=email,
                conference_id=email.conference_id,
            )
            alert.save(update_fields=["notice"])
    except IntegrityError:
        return  # another worker opened it a moment ago
    logger.error("E-mails are failing: the secretariat is told (alert %s)", alert.pk)


def close_alert_when_healthy() -> None:
    """Close the open alert once no e-mail is failing any more."""
    if not Email.objects.filter(state=Email.State.FAILING).exists():
        Alert.objects.filter(is_open=True).update(is_open=False, ended_at=now())
