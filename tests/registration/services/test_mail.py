"""E-mails are queued as task rows; the kind follows the registration's status."""

import pytest
from django_tasks_db.models import DBTaskResult

from registration.models import Registration
from registration.services.mail import email_kind_for, queue_email
from tests.registration.factories import RegistrationFactory


@pytest.mark.django_db
def test_queueing_writes_one_task_row_and_sends_nothing(mailoutbox):
    queue_email("side_event_seat", 7, session=3)

    job = DBTaskResult.objects.get()
    assert job.task_path == "registration.tasks.send_registration_email"
    assert job.args_kwargs == {
        "args": ["side_event_seat", 7],
        "kwargs": {"origin": "", "session": 3},
    }
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
