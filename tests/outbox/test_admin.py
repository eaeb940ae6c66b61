"""Staff see the e-mails, their states and the banner, and re-send what failed."""

import datetime as dt

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from outbox.models import Email
from registration.services.mail import queue_email
from tests.outbox.factories import EmailFactory
from tests.registration.factories import InvitationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LIST = reverse("admin:outbox_email_changelist")


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_an_email_past_its_last_retry_is_given_up_and_resent_by_staff(
    clock, client, run_worker, mail_server, settings, registration_manager
):
    settings.EMAIL_RETRY_DELAYS = [60]
    registration = RegistrationFactory(email="anna@example.org")
    email = queue_email("confirmation", registration.pk)
    mail_server.down()
    run_worker()
    clock.shift(dt.timedelta(seconds=60))
    run_worker()
    email.refresh_from_db()
    assert (email.state, email.attempts) == (Email.State.GIVEN_UP, 2)

    client.force_login(registration_manager)
    page = client.get(
        reverse("admin:registration_registration_change", args=[registration.pk])
    )
    assert page.status_code == 200
    start = page.text.index('<table class="outbox-emails">')
    shown = page.text[start : page.text.index("</table>", start)]
    assert "<td>confirmation</td><td>anna@example.org</td>" in shown
    assert (
        '<td><span class="email-state email-state-given_up">given up</span></td>\n'
        "<td>2</td><td>SMTPServerDisconnected: Connection unexpectedly closed</td>"
    ) in shown
    listed = client.get(LIST, {"state__exact": "given_up"})
    # the confirmation, and the alert to the secretariat, which failed as well
    assert [e.kind for e in listed.context["cl"].result_list] == [
        "failing_alert",
        "confirmation",
    ]

    mail_server.up()
    answer = client.post(
        LIST, {"action": "resend_action", "_selected_action": [email.pk]}, follow=True
    )
    assert "1 e-mails queued again." in answer.text
    email.refresh_from_db()
    assert (email.state, email.attempts, email.resent_by, email.resent_at) == (
        Email.State.QUEUED,
        0,
        registration_manager,
        START + dt.timedelta(seconds=60),
    )
    (entry,) = LogEntry.objects.filter(object_id=str(email.pk))
    assert entry.change_message == "Re-sent (was given up)."

    run_worker()

    email.refresh_from_db()
    assert (email.state, email.attempts) == (Email.State.SENT, 1)
    assert [m.to for m in mail.outbox if m.to == ["anna@example.org"]] == [
        ["anna@example.org"]
    ]


def test_the_button_resends_every_given_up_email(client, registration_manager):
    given_up = EmailFactory.create_batch(2, state=Email.State.GIVEN_UP)
    failing = EmailFactory(state=Email.State.FAILING)
    client.force_login(registration_manager)

    page = client.get(LIST)
    assert "Re-send all 2 given-up e-mails" in page.text
    client.post(reverse("admin:outbox_email_resend_given_up"))

    states = dict(Email.objects.values_list("pk", "state"))
    assert states == {
        given_up[0].pk: Email.State.QUEUED,
        given_up[1].pk: Email.State.QUEUED,
        failing.pk: Email.State.FAILING,
    }


def test_the_list_filters_by_state_and_kind(client, registration_manager):
    EmailFactory(state=Email.State.SENT, kind="confirmation")
    EmailFactory(state=Email.State.FAILING, kind="invitation")
    EmailFactory(state=Email.State.FAILING, kind="confirmation")
    client.force_login(registration_manager)

    page = client.get(LIST, {"state__exact": "failing", "kind": "invitation"})

    assert [e.kind for e in page.context["cl"].result_list] == ["invitation"]


def test_the_banner_shows_on_every_admin_page_while_emails_fail(
    client, registration_manager
):
    client.force_login(registration_manager)
    assert 'id="email-trouble"' not in client.get(reverse("admin:index")).text

    EmailFactory.create_batch(2, state=Email.State.FAILING)
    EmailFactory(state=Email.State.GIVEN_UP)
    EmailFactory(state=Email.State.SENT)

    for url in (
        reverse("admin:index"),
        reverse("admin:registration_registration_changelist"),
    ):
        page = client.get(url).text
        banner = page[
            page.index('id="email-trouble"') : page.index(
                "</div>", page.index('id="email-trouble"')
            )
        ]
        assert "2 e-mails failing, retried automatically" in banner
        assert "1 e-mail given up: re-send it" in banner
        assert f'href="{LIST}?state__exact=given_up"' in banner


def test_the_banner_is_in_russian(client, registration_manager):
    EmailFactory(state=Email.State.GIVEN_UP)
    client.force_login(registration_manager)

    page = client.get(reverse("admin:index").replace("/en/", "/ru/", 1)).text

    assert "Письма не уходят." in page


def test_staff_without_the_permission_see_no_banner_and_no_list(
    client, programme_editor
):
    EmailFactory(state=Email.State.GIVEN_UP)
    client.force_login(programme_editor)

    assert 'id="email-trouble"' not in client.get(reverse("admin:index")).text
    assert client.get(LIST).status_code == 403


def test_an_invitation_page_shows_its_emails(client, registration_manager):
    invitation = InvitationFactory(name="Anna Berger")
    queue_email("invitation", invitation.pk)
    client.force_login(registration_manager)
    change = reverse("admin:registration_invitation_change", args=[invitation.pk])

    page = client.get(change).text

    start = page.index('<table class="outbox-emails">')
    assert "<td>invitation</td>" in page[start : page.index("</table>", start)]


def test_an_email_whose_job_was_lost_shows_as_waiting_too_long_and_is_resent(
    clock, client, run_worker, registration_manager
):
    email = queue_email("confirmation", RegistrationFactory().pk)
    # The worker died in the middle of the message: its job is gone.
    DBTaskResult.objects.all().delete()
    client.force_login(registration_manager)
    assert 'id="email-trouble"' not in client.get(reverse("admin:index")).text

    clock.shift(dt.timedelta(minutes=16))
    page = client.get(reverse("admin:index")).text
    assert (
        "1 e-mail waits longer than it should: is the worker (make worker) running?"
    ) in page
    listed = client.get(LIST, {"overdue": "yes"})
    assert list(listed.context["cl"].result_list) == [email]
    client.post(LIST, {"action": "resend_action", "_selected_action": [email.pk]})
    run_worker()
    email.refresh_from_db()
    assert email.state == Email.State.SENT
