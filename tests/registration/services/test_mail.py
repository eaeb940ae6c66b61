"""E-mails are outbox records with their job; the kind follows the status."""

import pytest
from django_tasks_db.models import DBTaskResult

from outbox.models import Email
from registration.models import Registration
from registration.services.mail import email_kind_for, queue_email
from tests.registration.factories import RegistrationFactory


@pytest.mark.django_db
def test_queueing_writes_the_email_and_its_job_and_sends_nothing(mailoutbox):
    registration = RegistrationFactory(email="anna@example.org", language="ru")

    queue_email("side_event_seat", registration.pk, session=3)

    email = Email.objects.get()
    assert (email.app, email.kind, email.about, email.extra) == (
        "registration",
        "side_event_seat",
        registration,
        {"session": 3},
    )
    assert (email.conference, email.recipient, email.language, email.state) == (
        registration.conference,
        "anna@example.org",
        "ru",
        Email.State.QUEUED,
    )
    job = DBTaskResult.objects.get()
    assert job.task_path == "outbox.sending.send_email"
    assert job.args_kwargs == {"args": [email.pk], "kwargs": {}}
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (Registration.Status.CONFIRMED, "confirmation"),
        (Registration.Status.PENDING, "pending"),
        (Registration.Status.WAITLISTED, "waitlisted"),
        (Registration.Status.OFFERED, "offer"),
        (Registration.Status.CANCELLED, "cancelled"),
    ],
)
def test_the_email_kind_follows_the_status(status, kind):
    assert email_kind_for(RegistrationFactory.build(status=status)) == kind
