"""Waiting lists of full side events: joining, positions, seats passed on, e-mails."""

import csv
import datetime as dt
import io
import json
import uuid

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from reversion.models import Version

from outbox.models import Email
from registration.models import Invitation, Registration, SideEventWait
from registration.selectors import waiting_sessions
from registration.services.invitations import decline_invitation
from registration.services.places import accept_offer
from registration.services.registrations import (
    RegistrationData,
    cancel_registration,
    change_registration,
    register,
)
from tests.factories import ConferenceFactory, RoomFactory, SessionFactory
from tests.html_forms import submitted_form
from tests.registration.factories import (
    InvitationFactory,
    RegistrationFactory,
    SideEventWaitFactory,
)
from tests.registration.test_flow import form_data

pytestmark = pytest.mark.django_db


def _data(*sessions, **overrides) -> RegistrationData:
    values = {
        "given_name": "Anna",
        "family_name": "Berger",
        "email": "anna@example.org",
        "consent": True,
        "sessions": list(sessions),
    }
    values.update(overrides)
    return RegistrationData(**values)


def _register(invitation: Invitation, *sessions, **overrides) -> Registration:
    return register(
        invitation=invitation,
        data=_data(*sessions, **{"email": invitation.email, **overrides}),
        submission_key=str(uuid.uuid4()),
    )


def _small_session(capacity: int = 1, **kwargs) -> object:
    return SessionFactory(room=RoomFactory(capacity=capacity), **kwargs)


def _holder(session, **kwargs) -> Registration:
    registration = RegistrationFactory(
        invitation__conference=session.conference, **kwargs
    )
    registration.sessions.add(session)
    return registration


def _waiting(session) -> list[Registration]:
    return [
        entry.registration
        for entry in SideEventWait.objects.filter(session=session).order_by(
            "created_at", "id"
        )
    ]


def _queued_kinds() -> list[str]:
    return list(Email.objects.order_by("id").values_list("kind", flat=True))


# Joining


def test_register_seats_where_there_is_room_and_queues_for_the_full_ones():
    full = _small_session(title="Full room")
    roomy = SessionFactory(
        conference=full.conference,
        room=RoomFactory(capacity=5),
        start=full.start + dt.timedelta(hours=2),
    )
    _holder(full)
    registration = _register(InvitationFactory(conference=full.conference), full, roomy)
    assert registration.status == Registration.Status.CONFIRMED
    assert list(registration.sessions.all()) == [roomy]
    assert _waiting(full) == [registration]
    assert waiting_sessions(registration) == [full]


def test_a_registration_on_the_conference_waiting_list_keeps_its_choices():
    full = _small_session()
    full.conference.in_person_capacity = 1
    full.conference.save()
    _holder(full)
    registration = _register(InvitationFactory(conference=full.conference), full)
    assert registration.status == Registration.Status.WAITLISTED
    assert list(registration.sessions.all()) == [full]
    assert SideEventWait.objects.count() == 0


def test_online_registration_neither_sits_nor_waits():
    full = _small_session()
    _holder(full)
    registration = _register(
        InvitationFactory(conference=full.conference),
        full,
        attendance=Registration.Attendance.ONLINE,
    )
    assert list(registration.sessions.all()) == []
    assert SideEventWait.objects.count() == 0


def test_positions_follow_arrival_order():
    full = _small_session()
    _holder(full)
    first, second, third = (
        _register(InvitationFactory(conference=full.conference), full) for _ in range(3)
    )
    positions = {
        entry.registration_id: entry.position
        for entry in SideEventWait.objects.with_position()
    }
    assert positions == {first.pk: 1, second.pk: 2, third.pk: 3}


def test_one_entry_per_registration_and_side_event():
    full = _small_session()
    registration = RegistrationFactory(invitation__conference=full.conference)
    SideEventWait.objects.create(registration=registration, session=full)
    with pytest.raises(IntegrityError), transaction.atomic():
        SideEventWait.objects.create(registration=registration, session=full)


# Seats passed on


def test_cancellation_gives_the_seat_to_the_earliest_person_waiting(run_worker):
    full = _small_session(title="Small room")
    holder = _holder(full)
    first = _register(InvitationFactory(conference=full.conference), full)
    second = _register(InvitationFactory(conference=full.conference), full)
    cancel_registration(holder)
    assert list(first.sessions.all()) == [full]
    assert list(second.sessions.all()) == []
    assert _waiting(full) == [second]
    assert _queued_kinds()[-2:] == ["cancelled", "side_event_seat"]
    mail.outbox.clear()
    run_worker()
    seat_mail = next(
        m for m in mail.outbox if m.to == [first.email] and "seat" in m.subject
    )
    assert seat_mail.subject == "A seat at the side event is now yours: Small room"
    assert "A seat at the side event “Small room”" in seat_mail.body
    assert "it is now yours" in seat_mail.alternatives[0].content
    calendar = Calendar.from_ical(seat_mail.attachments[0].content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries == [full.conference.title, "Small room"]


def test_seat_email_in_russian(run_worker):
    full = _small_session(title="Малый зал")
    holder = _holder(full)
    waiting = _register(
        InvitationFactory(conference=full.conference),
        full,
        given_name="Анна",
        family_name="Бергер",
        language="ru",
    )
    cancel_registration(holder)
    mail.outbox.clear()
    run_worker()
    (message,) = [
        m for m in mail.outbox if m.to == [waiting.email] and "Место" in m.subject
    ]
    assert message.subject == "Место на параллельном мероприятии теперь ваше: Малый зал"
    assert message.body.startswith("Уважаемый(ая) Анна Бергер,\n")
    assert "«Малый зал»" in message.body


def test_no_seat_email_once_the_seat_is_gone_again(run_worker):
    full = _small_session()
    holder = _holder(full)
    waiting = _register(InvitationFactory(conference=full.conference), full)
    cancel_registration(holder)
    cancel_registration(waiting)
    mail.outbox.clear()
    run_worker()
    assert [
        m.subject.split(":")[0] for m in mail.outbox if m.to == [waiting.email]
    ] == [
        "Registration confirmed",
        "Registration cancelled",
    ]


def test_change_dropping_a_side_event_passes_its_seat_on():
    full = _small_session()
    holder = _holder(full)
    waiting = _register(InvitationFactory(conference=full.conference), full)
    change_registration(holder, _data())
    assert list(holder.sessions.all()) == []
    assert list(waiting.sessions.all()) == [full]
    assert SideEventWait.objects.count() == 0


def test_change_to_online_passes_seats_on_and_leaves_the_queues():
    full = _small_session()
    other = _small_session(
        conference=full.conference, start=full.start + dt.timedelta(hours=2)
    )
    holder = _holder(full)
    _holder(other)
    holder_wait = SideEventWaitFactory(registration=holder, session=other)
    waiting = _register(InvitationFactory(conference=full.conference), full)
    change_registration(
        holder, _data(full, other, attendance=Registration.Attendance.ONLINE)
    )
    assert list(waiting.sessions.all()) == [full]
    assert SideEventWait.objects.filter(pk=holder_wait.pk).exists() is False


def test_change_choosing_a_full_side_event_queues_and_keeps_the_position():
    full = _small_session()
    _holder(full)
    first = _register(InvitationFactory(conference=full.conference), full)
    second = RegistrationFactory(invitation__conference=full.conference)
    change_registration(second, _data(full))
    assert _waiting(full) == [first, second]
    change_registration(first, _data(full, given_name="Anja"))
    assert _waiting(full) == [first, second]
    # Giving the side event up removes the entry.
    change_registration(first, _data())
    assert _waiting(full) == [second]


def test_decline_passes_the_seats_on():
    full = _small_session()
    holder = _holder(full)
    waiting = _register(InvitationFactory(conference=full.conference), full)
    decline_invitation(holder.invitation)
    assert list(waiting.sessions.all()) == [full]


def test_expired_offer_passes_its_seats_on():
    full = _small_session()
    _holder(
        full,
        status=Registration.Status.OFFERED,
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1),
    )
    waiting = _register(InvitationFactory(conference=full.conference), full)
    call_command("expire_offers", stdout=io.StringIO())
    assert list(waiting.sessions.all()) == [full]


def test_accepting_an_offer_queues_for_full_side_events_instead_of_dropping():
    full = _small_session(title="Small room")
    _holder(full)
    offered = _holder(
        full,
        status=Registration.Status.OFFERED,
        offer_expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    assert accept_offer(offered) == [full]
    offered.refresh_from_db()
    assert offered.status == Registration.Status.CONFIRMED
    assert list(offered.sessions.all()) == []
    assert _waiting(full) == [offered]


def test_an_offer_seats_the_side_events_chosen_while_waiting():
    conference = ConferenceFactory(in_person_capacity=1)
    full = _small_session(conference=conference)
    holder = _holder(full)
    waiting = _register(InvitationFactory(conference=conference), full)
    assert waiting.status == Registration.Status.WAITLISTED
    cancel_registration(holder)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.OFFERED
    assert list(waiting.sessions.all()) == [full]


def test_seats_never_exceed_the_room():
    full = _small_session(capacity=2)
    holders = [_holder(full), _holder(full)]
    queue = [
        _register(InvitationFactory(conference=full.conference), full) for _ in range(3)
    ]
    cancel_registration(holders[0])
    assert full.registrations.filter(status="confirmed").count() == 2
    assert _waiting(full) == queue[1:]


def test_fill_command_gives_new_seats_after_the_room_grows():
    full = _small_session()
    full.conference.slug = "alliance-26"
    full.conference.save()
    _holder(full)
    queue = [
        _register(InvitationFactory(conference=full.conference), full) for _ in range(3)
    ]
    full.room.capacity = 3
    full.room.save()
    out = io.StringIO()
    call_command("fill_side_event_seats", "alliance-26", stdout=out)
    assert out.getvalue().splitlines()[-1] == "2 seats given from the waiting lists."
    assert [r.pk for r in full.registrations.order_by("pk")][1:] == [
        r.pk for r in queue[:2]
    ]
    assert _waiting(full) == queue[2:]
    call_command("fill_side_event_seats", stdout=out)
    assert out.getvalue().splitlines()[-1] == "0 seats given from the waiting lists."


def test_fill_command_refuses_an_unknown_conference():
    with pytest.raises(CommandError):
        call_command("fill_side_event_seats", "nope")


# Pages and e-mails


def test_invitee_page_shows_the_position_on_each_list(client):
    full = _small_session(title="Small room")
    _holder(full)
    _register(InvitationFactory(conference=full.conference), full)
    invitation = InvitationFactory(conference=full.conference)
    _register(invitation, full)
    response = client.get(
        reverse("registration:invitation", kwargs={"token": invitation.token})
    )
    assert "Small room: waiting list, number 2" in response.text


def test_invitee_page_in_russian(client):
    full = _small_session(title="Малый зал")
    _holder(full)
    invitation = InvitationFactory(conference=full.conference)
    _register(invitation, full)
    response = client.get(f"/ru/registration/i/{invitation.token}/")
    assert "Малый зал: лист ожидания, номер 1" in response.text


@pytest.mark.parametrize("people", [1, 3])
def test_invitee_page_query_count(client, django_assert_num_queries, people):
    full = _small_session()
    _holder(full)
    invitation = InvitationFactory(conference=full.conference, seats=people)
    for number in range(people):
        register(
            invitation=invitation,
            data=_data(full),
            submission_key=f"00000000-0000-4000-8000-{number:012d}",
        )
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    client.get(url)
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


def test_changed_email_names_the_waiting_lists(run_worker):
    full = _small_session(title="Small room")
    _holder(full)
    registration = RegistrationFactory(invitation__conference=full.conference)
    change_registration(registration, _data(full))
    run_worker()
    (message,) = [m for m in mail.outbox if m.to == ["anna@example.org"]]
    assert "On the waiting list of these full side events" in message.body
    assert "- Small room (waiting list, number 1)" in message.body


def test_confirmation_in_russian_names_the_waiting_lists(run_worker):
    full = _small_session(title="Малый зал")
    _holder(full)
    waiting = _register(
        InvitationFactory(conference=full.conference), full, language="ru"
    )
    run_worker()
    (message,) = [m for m in mail.outbox if m.to == [waiting.email]]
    assert "- Малый зал (лист ожидания, номер 1)" in message.body


# Staff


def test_admin_filter_and_entries(client, registration_manager):
    full = _small_session(title="Small room")
    holder = _holder(full, family_name="Seated")
    waiting = _register(
        InvitationFactory(conference=full.conference), full, family_name="Waiting"
    )
    client.force_login(registration_manager)
    url = reverse("admin:registration_registration_changelist")
    response = client.get(url, {"side_event_waiting": "yes"})
    assert list(response.context["cl"].result_list) == [waiting]
    response = client.get(url, {"side_event_waiting": "no"})
    assert list(response.context["cl"].result_list) == [holder]
    page = client.get(
        reverse("admin:registration_registration_change", args=[waiting.pk])
    )
    assert page.status_code == 200
    assert "side-event waiting list" in page.text.lower()
    assert "Small room" in page.text


def test_checkin_figures_count_the_people_waiting(client, registration_manager):
    full = _small_session(title="Small room")
    _holder(full)
    _register(InvitationFactory(conference=full.conference), full)
    _register(InvitationFactory(conference=full.conference), full)
    client.force_login(registration_manager)
    response = client.get(
        reverse("registration:checkin", kwargs={"conference": full.conference.slug})
    )
    figures = [(f.label, f.expected, f.waiting) for f in response.context["figures"]]
    assert figures == [(str(full.conference), 3, None), ("Small room", 1, 2)]
    assert "2 on the waiting list" in response.text


def test_export_has_a_waiting_list_column(client, registration_manager):
    full = _small_session(title="Small room")
    _holder(full)
    _register(InvitationFactory(conference=full.conference), full, family_name="W")
    client.force_login(registration_manager)
    response = client.get(
        reverse(
            "registration:export",
            kwargs={
                "conference": full.conference.slug,
                "report": "participants",
                "fmt": "csv",
            },
        )
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-2:] == ["Side events", "Side events: waiting list"]
    waiting_row = next(row for row in rows if row[2] == "W")
    assert waiting_row[-2:] == ["", "Small room"]


def test_erasure_removes_the_entries_and_their_history(capsys):
    full = _small_session()
    _holder(full)
    with reversion.create_revision():
        waiting = _register(InvitationFactory(conference=full.conference), full)
        for entry in SideEventWait.objects.all():
            reversion.add_to_revision(entry)
    assert Version.objects.get_for_model(SideEventWait).count() == 1
    call_command("personal_data", waiting.email)
    data = json.loads(capsys.readouterr().out)
    assert data["registrations"][0]["side_event_waiting_lists"] == [full.title]
    call_command("personal_data", waiting.email, "--erase")
    assert SideEventWait.objects.count() == 0
    assert Version.objects.get_for_model(SideEventWait).count() == 0


def test_anonymisation_removes_the_entries():
    conference = ConferenceFactory(
        start_date=dt.date(2020, 4, 20), end_date=dt.date(2020, 4, 21)
    )
    full = _small_session(conference=conference)
    SideEventWaitFactory(session=full)
    call_command("anonymise_registrations", "--days", "30", stdout=io.StringIO())
    assert SideEventWait.objects.count() == 0


def test_deleting_a_registration_in_the_admin_passes_its_seat_on(client):
    full = _small_session()
    holder = _holder(full)
    waiting = _register(InvitationFactory(conference=full.conference), full)
    client.force_login(
        get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    )
    response = client.post(
        reverse("admin:registration_registration_delete", args=[holder.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 302
    assert Registration.objects.filter(pk=holder.pk).exists() is False
    assert list(waiting.sessions.all()) == [full]
    assert SideEventWait.objects.count() == 0


def test_staff_taking_a_side_event_off_a_registration_passes_its_seat_on(
    admin_client,
):
    full = _small_session()
    holder = _holder(full)
    waiting = _register(InvitationFactory(conference=full.conference), full)
    url = reverse("admin:registration_registration_change", args=[holder.pk])
    data = submitted_form(admin_client.get(url), "registration_form")
    data["sessions"] = []

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert list(holder.sessions.all()) == []
    assert list(waiting.sessions.all()) == [full]
    assert SideEventWait.objects.count() == 0


def test_change_page_says_which_side_events_are_waited_for(client):
    full = _small_session(title="Small room")
    _holder(full)
    registration = RegistrationFactory(invitation__conference=full.conference)
    url = reverse(
        "registration:change",
        kwargs={"token": registration.invitation.token, "pk": registration.pk},
    )
    response = client.post(url, form_data(sessions=[full.pk]), follow=True)
    assert [m.message for m in response.context["messages"]] == [
        "Your changes are saved. These side events are full: you are on their "
        "waiting lists: Small room. If a seat becomes free, it is yours and we "
        "will write to you."
    ]
    assert "Small room: waiting list, number 1" in response.text
