"""E-mails: both languages, plain text and HTML, and a mail server that is down."""

import datetime as dt
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outbox.models import Email
from registration.models import Registration
from registration.services import RegistrationError
from registration.services.invitations import send_invitation
from registration.services.mail import queue_email
from registration.services.registrations import RegistrationData, register
from tests.factories import ConferenceFactory, SessionFactory
from tests.registration.factories import (
    InvitationFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def test_confirmation_in_english(run_worker):
    conference = ConferenceFactory(title="26th Alliance conference")
    registration = RegistrationFactory(
        invitation__conference=conference, given_name="Anna", family_name="Berger"
    )
    queue_email("confirmation", registration.pk)
    run_worker()
    (message,) = mail.outbox
    assert message.subject == "Registration confirmed: 26th Alliance conference"
    assert message.body.startswith("Dear Anna Berger,\n")
    html = message.alternatives[0].content
    assert "<p>Dear Anna Berger,</p>" in html


def test_confirmation_in_russian(run_worker):
    conference = ConferenceFactory(title="26-я конференция Альянса")
    registration = RegistrationFactory(
        invitation__conference=conference,
        given_name="Анна",
        family_name="Бергер",
        language="ru",
    )
    queue_email("confirmation", registration.pk)
    run_worker()
    (message,) = mail.outbox
    assert message.subject == "Регистрация подтверждена: 26-я конференция Альянса"
    assert message.body.startswith("Уважаемый(ая) Анна Бергер,\n")


def test_invitation_in_russian_has_a_working_link(client, run_worker):
    invitation = InvitationFactory(language="ru", name="Борис Петров")
    send_invitation(invitation)
    run_worker()
    (message,) = mail.outbox
    assert message.subject == f"Приглашение: {invitation.conference.title}"
    url = next(line for line in message.body.splitlines() if "/registration/i/" in line)
    assert url.startswith("http://127.0.0.1:8000/ru/registration/i/")
    assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_mail_server_down_keeps_the_registration_and_retries(
    client, run_worker, monkeypatch, settings
):
    settings.EMAIL_RETRY_DELAYS = [600]
    invitation = InvitationFactory()
    registration = register(
        invitation=invitation,
        data=RegistrationData(
            given_name="Anna", family_name="Berger", email="a@example.org", consent=True
        ),
        submission_key="8f8a2c4e-8a52-4d7e-b0f7-0d4c3c1f7f01",
    )

    def refuse(self, messages):
        raise smtplib.SMTPException("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", refuse)
        run_worker()
    assert mail.outbox == []
    assert Registration.objects.get().pk == registration.pk
    email = Email.objects.get(kind="confirmation")
    assert (email.state, email.attempts, email.last_error) == (
        Email.State.FAILING,
        1,
        "SMTPException: mail server down",
    )
    retry = DBTaskResult.objects.get(status="READY", args_kwargs__args=[email.pk])
    assert retry.run_after > timezone.now() + dt.timedelta(minutes=9)

    # Later the server is back and the worker runs again.
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11)):
        run_worker()
    # the confirmation, and the alert that told the secretariat of the failure
    assert sorted(m.to for m in mail.outbox) == [
        ["a@example.org"],
        [settings.SECRETARIAT_EMAIL],
    ]
    email.refresh_from_db()
    assert (email.state, email.attempts) == (Email.State.SENT, 2)


def test_email_job_is_written_with_the_registration_and_not_before():
    invitation = InvitationFactory()
    with pytest.raises(RegistrationError):
        register(
            invitation=invitation,
            data=RegistrationData(
                given_name="A", family_name="B", email="a@example.org", consent=False
            ),
            submission_key="8f8a2c4e-8a52-4d7e-b0f7-0d4c3c1f7f01",
        )
    assert DBTaskResult.objects.count() == 0
    session = SessionFactory(conference=invitation.conference)
    register(
        invitation=invitation,
        data=RegistrationData(
            given_name="A",
            family_name="B",
            email="a@example.org",
            consent=True,
            sessions=[session],
        ),
        submission_key="8f8a2c4e-8a52-4d7e-b0f7-0d4c3c1f7f01",
    )
    assert DBTaskResult.objects.count() == 1


def test_reminders_are_queued_once_the_day_before(run_worker):
    conference = ConferenceFactory(start_date=dt.date(2026, 4, 20))
    RegistrationFactory(invitation__conference=conference)
    RegistrationFactory(
        invitation__conference=conference, status=Registration.Status.WAITLISTED
    )
    call_command("send_reminders", "--date", "2026-04-19", stdout=None)
    call_command("send_reminders", "--date", "2026-04-19", stdout=None)
    run_worker()
    assert [m.subject for m in mail.outbox] == [f"Tomorrow: {conference.title}"]


def test_russian_confirmation_names_sessions_and_dates_in_russian(run_worker):
    conference = ConferenceFactory(
        title_en="26th Alliance conference", title_ru="26-я конференция Альянса"
    )
    registration = RegistrationFactory(invitation__conference=conference, language="ru")
    side_event = SessionFactory(
        conference=conference,
        kind="side_event",
        title_en="Launch of the Study",
        title_ru="Презентация исследования",
        room__name_en="Bibliotheksaal",
        room__name_ru="Библиотечный зал",
    )
    registration.sessions.add(side_event)

    queue_email("confirmation", registration.pk)
    run_worker()

    (message,) = mail.outbox
    assert "- Презентация исследования (20 апреля, " in message.body
    assert "Библиотечный зал" in message.body
    assert "Launch of the Study" not in message.body
    calendar = next(a for a in message.attachments if a[0] == "alliance.ics")[1]
    text = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert "SUMMARY:Презентация исследования" in text
    assert "SUMMARY:26-я конференция Альянса" in text
