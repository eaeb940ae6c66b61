"""One attempt at a time: the states an e-mail goes through, and nothing lost."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from outbox.models import Email
from registration.models import Invitation, Registration
from registration.services.mail import queue_email
from registration.tasks import send_registration_email
from tests.registration.factories import InvitationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def _state(email: Email) -> tuple:
    email.refresh_from_db()
    return (
        email.state,
        email.attempts,
        email.failed_step,
        email.last_error,
        email.next_attempt_at,
    )


def test_a_mail_server_that_stays_down_takes_the_email_from_failing_to_given_up(
    clock, run_worker, mail_server, settings
):
    settings.EMAIL_RETRY_DELAYS = [60, 600]
    email = queue_email("confirmation", RegistrationFactory().pk)
    mail_server.down()
    error = "SMTPServerDisconnected: Connection unexpectedly closed"

    run_worker()
    assert _state(email) == (
        Email.State.FAILING,
        1,
        Email.Step.SENDING,
        error,
        START + dt.timedelta(seconds=60),
    )

    run_worker()  # not due yet: no attempt
    assert email.attempts == 1

    clock.shift(dt.timedelta(seconds=60))
    run_worker()
    assert _state(email) == (
        Email.State.FAILING,
        2,
        Email.Step.SENDING,
        error,
        START + dt.timedelta(seconds=660),
    )

    clock.shift(dt.timedelta(seconds=600))
    run_worker()
    assert _state(email) == (Email.State.GIVEN_UP, 3, Email.Step.SENDING, error, None)
    assert mail.outbox == []


def test_the_server_back_in_time_sends_the_email(
    clock, run_worker, mail_server, settings
):
    settings.EMAIL_RETRY_DELAYS = [60]
    registration = RegistrationFactory(email="anna@example.org", language="ru")
    email = queue_email("confirmation", registration.pk)
    mail_server.down()
    run_worker()
    mail_server.up()

    clock.shift(dt.timedelta(seconds=60))
    run_worker()

    assert _state(email) == (Email.State.SENT, 2, "", _state(email)[3], None)
    assert (email.sent_at, email.recipient, email.language) == (
        START + dt.timedelta(seconds=60),
        "anna@example.org",
        "ru",
    )
    assert email.subject.startswith("Регистрация подтверждена")
    assert [m.to for m in mail.outbox if m.to == ["anna@example.org"]] == [
        ["anna@example.org"]
    ]


def test_the_default_retries_last_about_three_days(settings):
    delays = settings.EMAIL_RETRY_DELAYS

    assert delays[:4] == [60, 120, 240, 480]
    assert max(delays) == 6 * 3600
    assert 72 * 3600 < sum(delays) < 80 * 3600


def broken_builder(kind: str, pk: int, **extra: int):
    raise KeyError("conference")


def test_a_bug_in_building_the_message_is_kept_visible_and_retried(
    clock, run_worker, settings
):
    settings.EMAIL_RETRY_DELAYS = [60]
    working = settings.OUTBOX_BUILDERS
    settings.OUTBOX_BUILDERS = {
        **working,
        "registration": "tests.outbox.test_sending.broken_builder",
    }
    registration = RegistrationFactory(email="anna@example.org")
    email = queue_email("confirmation", registration.pk)

    run_worker()

    assert _state(email) == (
        Email.State.FAILING,
        1,
        Email.Step.BUILDING,
        "KeyError: 'conference'",
        START + dt.timedelta(seconds=60),
    )
    assert email.recipient == "anna@example.org"  # known from the queueing
    # The fix is deployed before the next attempt.
    settings.OUTBOX_BUILDERS = working
    clock.shift(dt.timedelta(seconds=60))
    run_worker()
    assert _state(email)[:2] == (Email.State.SENT, 2)


def test_a_refused_message_undoes_what_building_it_wrote(
    clock, run_worker, mail_server
):
    invitation = InvitationFactory()
    before = invitation.token_hash
    email = queue_email("invitation", invitation.pk)
    mail_server.down()

    run_worker()

    invitation.refresh_from_db()
    assert (invitation.token_hash, invitation.status, invitation.sent_at) == (
        before,
        Invitation.Status.CREATED,
        None,
    )
    assert _state(email)[0] == Email.State.FAILING


def test_an_email_that_no_longer_applies_is_marked_so(clock, run_worker):
    registration = RegistrationFactory(status=Registration.Status.CONFIRMED)
    email = queue_email("offer", registration.pk)

    run_worker()

    assert _state(email)[:2] == (Email.State.NOT_NEEDED, 1)
    assert mail.outbox == []


def test_a_job_queued_before_the_outbox_still_sends_through_it(clock, run_worker):
    registration = RegistrationFactory(email="anna@example.org")
    send_registration_email.enqueue(
        "confirmation", registration.pk, 2, origin="http://127.0.0.1:8010"
    )

    run_worker()

    email = Email.objects.get()
    assert (email.kind, email.about, email.state, email.origin) == (
        "confirmation",
        registration,
        Email.State.SENT,
        "http://127.0.0.1:8010",
    )
    (message,) = mail.outbox
    assert "http://127.0.0.1:8010/en/registration/" in message.body
