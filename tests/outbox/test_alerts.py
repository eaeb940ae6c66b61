"""When e-mails start failing the secretariat is told, once per spell of failures."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from outbox.models import Alert, Email
from registration.services.mail import queue_email
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationSettingsFactory,
)

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def conference():
    rules = RegistrationSettingsFactory(contact_email="secretariat@alliance.example")
    return rules.conference


def _queue_confirmations(conference, count: int) -> list[Email]:
    return [
        queue_email(
            "confirmation", RegistrationFactory(invitation__conference=conference).pk
        )
        for _ in range(count)
    ]


def test_three_failing_emails_send_one_alert_to_the_conference_contact(
    clock, run_worker, mail_server, settings, conference
):
    settings.EMAIL_RETRY_DELAYS = [60]
    first, *_others = _queue_confirmations(conference, 3)
    mail_server.down()
    run_worker()

    (alert,) = Alert.objects.all()
    assert (alert.is_open, alert.first_failure) == (True, first)
    notice = alert.notice
    assert (notice.app, notice.kind, notice.about) == ("outbox", "failing_alert", first)

    mail_server.up()
    clock.shift(dt.timedelta(seconds=60))
    run_worker()

    alerts = [m for m in mail.outbox if m.subject == "E-mails are failing to go out"]
    assert [m.to for m in alerts] == [["secretariat@alliance.example"]]
    assert "/en/admin/outbox/email/?state__exact=failing" in alerts[0].body
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in alerts[0].body
    assert len(mail.outbox) == 4  # the three confirmations and the one alert
    alert.refresh_from_db()
    assert (alert.is_open, alert.ended_at) == (False, START + dt.timedelta(seconds=60))


def test_the_next_spell_of_failures_sends_a_new_alert(
    clock, run_worker, mail_server, settings, conference
):
    settings.EMAIL_RETRY_DELAYS = [60]
    _queue_confirmations(conference, 1)
    mail_server.down()
    run_worker()
    mail_server.up()
    clock.shift(dt.timedelta(seconds=60))
    run_worker()  # healthy again: the alert closes

    _queue_confirmations(conference, 1)
    mail_server.down()
    run_worker()

    assert Alert.objects.filter(is_open=True).count() == 1
    assert Alert.objects.count() == 2


def test_without_a_conference_contact_the_site_wide_address_is_told(
    clock, run_worker, mail_server, settings
):
    settings.SECRETARIAT_EMAIL = "info@alliance.example"
    settings.EMAIL_RETRY_DELAYS = [60]
    queue_email("confirmation", RegistrationFactory().pk)
    mail_server.down()
    run_worker()

    notice = Alert.objects.get().notice
    mail_server.up()
    clock.shift(dt.timedelta(seconds=60))
    run_worker()

    notice.refresh_from_db()
    assert (notice.state, notice.recipient) == (
        Email.State.SENT,
        "info@alliance.example",
    )
