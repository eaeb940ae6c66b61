"""The whole invitee journey through HTTP, with the e-mails the worker sends."""

import datetime as dt
import re
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from registration.models import Invitation, Registration
from registration.services.invitations import send_invitation
from registration.services.registrations import approve_registration
from tests.factories import ConferenceFactory, RoomFactory, SessionFactory
from tests.registration.factories import (
    InvitationFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
)

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "honorific": "Ms.",
        "given_name": "Anna",
        "family_name": "Berger",
        "position": "Head of Unit",
        "organisation": "Ministry of Interior",
        "delegation": "Austria",
        "email": "anna.berger@example.org",
        "language": "en",
        "attendance": "in_person",
        "interpretation": "ru",
        "accessibility_needs": "",
        "dietary_needs": "vegetarian",
        "consent": "on",
        "submission_key": "8f8a2c4e-8a52-4d7e-b0f7-0d4c3c1f7f01",
    }
    data.update(overrides)
    return data


def link_in(message) -> str:
    return re.search(r"http://\S+/registration/i/\S+/", message.body).group(0)


def test_invite_register_change_cancel_offer_accept(client, run_worker):
    conference = ConferenceFactory(in_person_capacity=1, slug="alliance-26")
    side_event = SessionFactory(conference=conference, title="Cyber-scam compounds")
    call_command(
        "invite", "alliance-26", "--email", "anna@example.org", "--name", "A B"
    )
    first = Invitation.objects.get(email="anna@example.org")
    second = InvitationFactory(conference=conference, email="boris@example.org")

    # Staff send the invitation; the worker sends it with a fresh personal link.

    send_invitation(first)
    assert mail.outbox == []
    run_worker()
    assert [m.subject for m in mail.outbox] == [f"Invitation: {conference.title}"]
    url = link_in(mail.outbox[0])
    first.refresh_from_db()
    assert first.status == Invitation.Status.SENT

    # Open the link and register.
    path = url.removeprefix("http://127.0.0.1:8000")
    response = client.get(path)
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.status == Invitation.Status.OPENED
    response = client.post(
        path, form_data(email="anna@example.org", sessions=[side_event.pk])
    )
    assert response.status_code == 302
    registration = Registration.objects.get(invitation=first)
    assert registration.status == Registration.Status.CONFIRMED
    assert list(registration.sessions.all()) == [side_event]

    # The confirmation e-mail carries the attendee's own calendar and QR code.
    mail.outbox.clear()
    run_worker()
    (confirmation,) = mail.outbox
    assert confirmation.subject == f"Registration confirmed: {conference.title}"
    assert confirmation.to == ["anna@example.org"]
    assert registration.checkin_code in confirmation.body
    assert confirmation.alternatives[0].mimetype == "text/html"
    names = [attachment.filename for attachment in confirmation.attachments]
    assert names == ["alliance.ics", "check-in-code.png"]
    calendar = Calendar.from_ical(confirmation.attachments[0].content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries == [conference.title, "Cyber-scam compounds"]

    # The second invitee finds the venue full and waits.
    response = client.post(
        reverse("registration:invitation", kwargs={"token": second.token}),
        form_data(
            email="boris@example.org",
            submission_key="6a0b1b2e-0f7e-4c55-9d8e-3a1f8c2d9e11",
        ),
    )
    assert response.status_code == 302
    waiting = Registration.objects.get(invitation=second)
    assert waiting.status == Registration.Status.WAITLISTED

    # The first changes the registration, then cancels it.
    response = client.post(
        reverse(
            "registration:change",
            kwargs={"token": path.split("/")[-2], "pk": registration.pk},
        ),
        form_data(email="anna@example.org", dietary_needs="vegan"),
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.dietary_needs == "vegan"
    assert list(registration.sessions.all()) == []
    cancel = reverse(
        "registration:cancel",
        kwargs={"token": path.split("/")[-2], "pk": registration.pk},
    )
    assert client.get(cancel).status_code == 200
    assert client.post(cancel).status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED

    # The place goes to the first person waiting, by e-mail with a time limit.
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.OFFERED
    assert waiting.offer_expires_at > timezone.now() + dt.timedelta(hours=47)
    mail.outbox.clear()
    run_worker()
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        f"A place is free for you: {conference.title}",
        f"Registration cancelled: {conference.title}",
        f"Registration changed: {conference.title}",
        f"Waiting list: {conference.title}",
    ]
    offer = next(m for m in mail.outbox if m.subject.startswith("A place"))
    offer_path = link_in(offer).removeprefix("http://127.0.0.1:8000")
    # The offer e-mail issued a new link; the old one is dead.
    old = client.get(reverse("registration:invitation", kwargs={"token": second.token}))
    assert old.status_code == 404
    response = client.get(offer_path)
    assert response.status_code == 200
    assert "Accept the place" in response.text
    accept = reverse(
        "registration:accept_offer",
        kwargs={"token": offer_path.split("/")[-2], "pk": waiting.pk},
    )
    assert client.post(accept).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_double_submission_creates_one_registration(client):
    invitation = InvitationFactory()
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    first = client.post(url, form_data())
    second = client.post(url, form_data())
    assert (first.status_code, second.status_code) == (302, 302)
    assert Registration.objects.filter(invitation=invitation).count() == 1


def test_second_form_beyond_the_seats_is_refused(client):
    invitation = InvitationFactory(seats=1)
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    client.post(url, form_data())
    response = client.post(
        url, form_data(submission_key="0b8e2f5a-1111-4c55-9d8e-3a1f8c2d9e11")
    )
    assert response.status_code == 302
    assert Registration.objects.filter(invitation=invitation).count() == 1


def test_delegation_with_two_seats_registers_two_people(client):
    invitation = InvitationFactory(seats=2)
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    client.post(url, form_data())
    client.post(
        url,
        form_data(
            given_name="Boris", submission_key="0b8e2f5a-1111-4c55-9d8e-3a1f8c2d9e11"
        ),
    )
    names = list(invitation.registrations.values_list("given_name", flat=True))
    assert names == ["Anna", "Boris"]


def test_form_errors_are_shown_without_registering(client):
    invitation = InvitationFactory()
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    data = form_data(email="not-an-address", given_name="")
    del data["consent"]
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Consent to the processing of personal data is required." in response.text
    assert "Enter a valid email address." in response.text
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("unknown", "This link is not valid."),
        ("revoked", "This invitation has been withdrawn."),
        ("expired", "This invitation has expired."),
        ("declined", "This invitation has been declined."),
    ],
)
def test_unusable_links_get_a_clear_page(client, setup, message):
    invitation = InvitationFactory(name="Secret Person", email="secret@example.org")
    token = invitation.token
    if setup == "unknown":
        token = "x" * 43
    elif setup == "revoked":
        invitation.status = Invitation.Status.REVOKED
    elif setup == "expired":
        invitation.expires_at = timezone.now() - dt.timedelta(minutes=1)
    elif setup == "declined":
        invitation.status = Invitation.Status.DECLINED
    invitation.save()
    url = reverse("registration:invitation", kwargs={"token": token})
    for response in (client.get(url), client.post(url, form_data())):
        assert response.status_code == 404
        assert message in response.text
        assert "Secret Person" not in response.text
        assert "secret@example.org" not in response.text
    assert Registration.objects.count() == 0


def test_another_invitations_registration_cannot_be_touched(client):
    mine = InvitationFactory()
    other = RegistrationFactory()
    url = reverse("registration:cancel", kwargs={"token": mine.token, "pk": other.pk})
    assert client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.status == Registration.Status.CONFIRMED


def test_changes_close_at_the_deadline(client):
    registration = RegistrationFactory()
    RegistrationSettingsFactory(
        conference=registration.conference,
        deadline=timezone.now() - dt.timedelta(hours=1),
    )
    token = registration.invitation.token
    url = reverse("registration:cancel", kwargs={"token": token, "pk": registration.pk})
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_decline_cancels_and_offers_the_place(client):
    conference = ConferenceFactory(in_person_capacity=1)
    holder = RegistrationFactory(invitation__conference=conference)
    waiting = RegistrationFactory(
        invitation__conference=conference, status=Registration.Status.WAITLISTED
    )
    url = reverse("registration:decline", kwargs={"token": holder.invitation.token})
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert (holder.invitation.status, holder.status, waiting.status) == (
        Invitation.Status.DECLINED,
        Registration.Status.CANCELLED,
        Registration.Status.OFFERED,
    )


def test_full_side_event_puts_the_invitee_on_its_waiting_list(client):
    room = RoomFactory(capacity=1)
    session = SessionFactory(room=room, title="Small room")
    RegistrationFactory(invitation__conference=session.conference).sessions.add(session)
    invitation = InvitationFactory(conference=session.conference)
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    response = client.post(url, form_data(sessions=[session.pk]), follow=True)
    assert response.status_code == 200
    registration = Registration.objects.get(invitation=invitation)
    assert registration.status == Registration.Status.CONFIRMED
    assert list(registration.sessions.all()) == []
    assert [m.message for m in response.context["messages"]] == [
        "Your registration is confirmed. These side events are full: you are on "
        "their waiting lists: Small room. If a seat becomes free, it is yours and "
        "we will write to you."
    ]
    assert "Small room: waiting list, number 1" in response.text


def test_approval_required_then_manager_approves(client, run_worker):
    invitation = InvitationFactory()
    RegistrationSettingsFactory(
        conference=invitation.conference, requires_approval=True
    )
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    client.post(url, form_data())
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING

    assert approve_registration(registration) is True
    run_worker()
    subjects = [m.subject.split(":")[0] for m in mail.outbox]
    assert subjects == ["Registration received", "Registration confirmed"]


def test_offer_not_accepted_in_time_goes_to_the_next(client):
    conference = ConferenceFactory(in_person_capacity=1)
    late = RegistrationFactory(
        invitation__conference=conference,
        status=Registration.Status.OFFERED,
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1),
    )
    next_one = RegistrationFactory(
        invitation__conference=conference, status=Registration.Status.WAITLISTED
    )
    call_command("expire_offers", stdout=None)
    late.refresh_from_db()
    next_one.refresh_from_db()
    assert (late.status, next_one.status) == (
        Registration.Status.CANCELLED,
        Registration.Status.OFFERED,
    )


def test_the_form_offers_one_side_event_per_slot_and_refuses_two(client):
    conference = ConferenceFactory()
    first = SessionFactory(conference=conference, title="Cyber-scam compounds")
    second = SessionFactory(conference=conference, title="Forced criminality")
    invitation = InvitationFactory(conference=conference)
    path = reverse("registration:invitation", kwargs={"token": invitation.token})

    page = client.get(path).content.decode()
    assert page.count('name="sessions-202604201645"') == 3  # two events and "none"
    assert "<legend>Monday 20 April, 16:45–17:45</legend>" in page

    response = client.post(path, form_data(sessions=[first.pk, second.pk]))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert (
        "“Cyber-scam compounds” and “Forced criminality” take place at the same "
        "time: choose one of them."
    ) in body
    assert Registration.objects.count() == 0

    response = client.post(path, form_data(**{"sessions-202604201645": second.pk}))
    assert response.status_code == 302
    assert list(Registration.objects.get().sessions.all()) == [second]


def test_an_empty_submit_lists_every_error_at_the_top_linking_to_its_field(client):
    invitation = InvitationFactory()
    path = reverse("registration:invitation", kwargs={"token": invitation.token})
    response = client.post(path, {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 400
    body = response.content.decode()
    start = body.index('class="error-summary"')
    summary = body[start : body.index("</div>", start)]
    assert '<a href="#id_given_name">Given name: This field is required.</a>' in summary
    assert (
        '<a href="#id_consent">Consent to the processing of personal data is '
        "required.</a>"
    ) in summary
