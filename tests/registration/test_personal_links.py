"""E-mails carry the personal link; `invite` says how to re-send, and does it."""

import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from registration.emails import build_and_send
from registration.links import issue_token
from registration.models import Invitation
from tests.factories import ConferenceFactory
from tests.registration.factories import InvitationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def link_in(body: str) -> str:
    return re.search(r"http://\S+/registration/i/(\S+)/", body).group(0)


@pytest.mark.parametrize("kind", ["confirmation", "changed"])
def test_the_e_mail_carries_a_working_personal_link(client, kind):
    registration = RegistrationFactory(given_name="Anna", family_name="Berger")
    invitation_link = registration.invitation.token

    assert build_and_send(kind, registration.pk) is True

    (message,) = mail.outbox
    link = link_in(message.body)
    page = client.get(link.removeprefix("http://127.0.0.1:8000"))
    assert page.status_code == 200
    assert "Anna Berger" in page.text
    assert "change/" in page.text
    # The link of the invitation e-mail keeps working too.
    assert client.get(f"/en/registration/i/{invitation_link}/").status_code == 200


def test_re_sending_the_invitation_ends_every_earlier_link(client):
    registration = RegistrationFactory()
    build_and_send("confirmation", registration.pk)
    link = link_in(mail.outbox[0].body).removeprefix("http://127.0.0.1:8000")

    issue_token(registration.invitation)

    assert client.get(link).status_code == 404


def test_inviting_an_existing_invitee_says_how_to_re_send():
    conference = ConferenceFactory(slug="alliance-26")
    InvitationFactory(conference=conference, email="anna@example.org")

    with pytest.raises(CommandError) as error:
        call_command(
            "invite", "alliance-26", "--email", "anna@example.org", "--name", "Anna"
        )

    assert str(error.value) == (
        "anna@example.org is already invited to alliance-26 (Created). To send the "
        "invitation e-mail again, with a new personal link, run: manage.py invite "
        "alliance-26 --email anna@example.org --resend"
    )


def test_invite_resend_sends_the_invitation_again(capsys, run_worker):
    conference = ConferenceFactory(slug="alliance-26")
    invitation = InvitationFactory(conference=conference, email="anna@example.org")
    old_hash = invitation.token_hash

    call_command("invite", "alliance-26", "--email", "ANNA@example.org", "--resend")
    run_worker()

    invitation.refresh_from_db()
    assert "is queued" in capsys.readouterr().out
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    assert invitation.status == Invitation.Status.SENT
    assert invitation.token_hash != old_hash
    assert Invitation.objects.count() == 1


def test_invite_resend_of_nobody_says_so():
    ConferenceFactory(slug="alliance-26")

    with pytest.raises(CommandError, match="has no invitation to alliance-26"):
        call_command("invite", "alliance-26", "--email", "x@example.org", "--resend")
