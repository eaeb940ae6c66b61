"""Following a conference online: one sign-up, one e-mail, details that follow."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from outbox.models import Email
from registration.models import OnlineAnnouncement, OnlineParticipant
from registration.services import RegistrationError
from registration.services.online import announce_online_details, sign_up_online
from tests.factories import VIENNA, ConferenceFactory, SessionFactory
from tests.html_forms import submitted_form
from tests.registration.factories import OnlineParticipantFactory

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, minute, tzinfo=VIENNA)


@pytest.fixture
def conference():
    return ConferenceFactory(title="26th Alliance conference")


@pytest.fixture
def opening(conference):
    return SessionFactory(
        conference=conference,
        title="Opening",
        slug="opening",
        start=at(20, 13, 30),
        end=at(20, 14, 30),
        online_link_on_registration=True,
        online_join_url="https://zoom.example/j/111",
        online_meeting_id="111 222 333",
        online_passcode="4455",
    )


@pytest.fixture
def panel(conference):
    """A plenary whose Zoom details are not known yet."""
    return SessionFactory(
        conference=conference,
        title="Panel 1",
        slug="panel-1",
        start=at(20, 14, 30),
        end=at(20, 16, 30),
        online_link_on_registration=True,
        online_meeting_id="",
        online_passcode="",
    )


@pytest.fixture
def own_page(conference):
    """A side event whose organisers run their own Zoom registration page."""
    return SessionFactory(
        conference=conference,
        title="ASEAN side event",
        start=at(21, 9),
        end=at(21, 10),
        online_link_on_registration=True,
        online_registration_url="https://zoom.example/register/asean",
        online_meeting_id="",
        online_passcode="",
    )


def _sign_up(conference, **overrides) -> OnlineParticipant:
    data = {
        "conference": conference,
        "name": "Online Follower",
        "email": "Follower@Example.org",
        "organisation": "NGO",
        "language": "en",
        "consent": True,
        "sessions": [],
        **overrides,
    }
    return sign_up_online(**data)


def _calendar_events(message) -> list:
    (attachment,) = message.attachments
    name, content, mimetype = attachment
    assert (name, mimetype) == ("alliance-online.ics", "text/calendar")
    return list(Calendar.from_ical(content).walk("VEVENT"))


def test_one_sign_up_reaches_every_linked_session_in_one_email(
    conference, opening, panel, own_page, run_worker
):
    _sign_up(conference)
    run_worker()

    (message,) = mail.outbox
    assert message.to == ["follower@example.org"]
    assert message.subject == "Following the 26th Alliance conference online"
    body = message.body
    assert "You will receive the details of every session streamed online:" in body
    assert (
        "* Opening\n"
        "  20 April 2026, 13:30–14:30 (Europe/Vienna)\n"
        "  Platform: Zoom\n"
        "  Join: https://zoom.example/j/111\n"
        "  Meeting ID: 111 222 333\n"
        "  Passcode: 4455\n"
    ) in body
    assert (
        "* Panel 1\n"
        "  20 April 2026, 14:30–16:30 (Europe/Vienna)\n"
        "  Platform: Zoom\n"
        "  The Zoom details will follow by e-mail as soon as they are known.\n"
    ) in body
    assert "ASEAN" not in body
    events = _calendar_events(message)
    assert [str(event["summary"]) for event in events] == ["Opening", "Panel 1"]
    assert [event.decoded("dtstart") for event in events] == [
        at(20, 13, 30),
        at(20, 14, 30),
    ]
    assert str(events[0]["url"]) == "https://zoom.example/j/111"
    assert str(events[0]["location"]) == "Zoom: https://zoom.example/j/111"
    assert "Passcode: 4455" in str(events[0]["description"])
    assert str(events[1]["location"]) == "Zoom"


def test_the_email_lists_only_the_sessions_chosen(
    conference, opening, panel, run_worker
):
    _sign_up(conference, sessions=[panel])
    run_worker()

    (message,) = mail.outbox
    assert "The sessions you plan to follow:" in message.body
    assert "Opening" not in message.body
    assert [str(e["summary"]) for e in _calendar_events(message)] == ["Panel 1"]


def test_the_email_is_in_russian_for_a_russian_speaker(conference, opening, run_worker):
    opening.title_ru = "Открытие"
    opening.save()
    _sign_up(conference, language="ru")
    run_worker()

    (message,) = mail.outbox
    assert message.subject == "Онлайн-участие: 26th Alliance conference"
    assert message.body.startswith("Уважаемый(ая) Online Follower,\n")
    assert "* Открытие\n  20 апреля 2026, 13:30–14:30 (Europe/Vienna)\n" in (
        message.body
    )
    assert "  Идентификатор конференции: 111 222 333\n" in message.body
    assert [str(e["summary"]) for e in _calendar_events(message)] == ["Открытие"]


def test_a_repeated_sign_up_updates_the_choice_and_sends_again(
    conference, opening, panel, run_worker
):
    first = _sign_up(conference, sessions=[opening])
    second = _sign_up(
        conference,
        email=" follower@example.ORG",
        name="Anna Follower",
        sessions=[panel],
    )
    run_worker()

    assert second.pk == first.pk
    assert list(OnlineParticipant.objects.values_list("email", "name")) == [
        ("follower@example.org", "Anna Follower")
    ]
    assert list(second.sessions.all()) == [panel]
    assert [m.to for m in mail.outbox] == [["follower@example.org"]] * 2
    assert [[str(e["summary"]) for e in _calendar_events(m)] for m in mail.outbox] == [
        ["Panel 1"],
        ["Panel 1"],
    ]


def test_the_sign_up_closes_when_the_last_session_ends(conference, opening, panel):
    with time_machine.travel(at(20, 16, 29)):
        _sign_up(conference)
    with (
        time_machine.travel(at(20, 16, 30)),
        pytest.raises(RegistrationError) as refused,
    ):
        _sign_up(conference, email="late@example.org")
    assert refused.value.message == "The online sign-up for this conference is closed."
    assert OnlineParticipant.objects.count() == 1


def test_consent_is_required(conference, opening):
    with pytest.raises(RegistrationError) as refused:
        _sign_up(conference, consent=False)
    assert refused.value.field == "consent"
    assert OnlineParticipant.objects.count() == 0


def test_a_session_with_its_own_registration_page_cannot_be_chosen(
    conference, opening, own_page
):
    with pytest.raises(RegistrationError) as refused:
        _sign_up(conference, sessions=[own_page])
    assert refused.value.field == "sessions"


def test_a_session_of_another_conference_cannot_be_chosen(conference, opening):
    other = SessionFactory(online_link_on_registration=True)
    with pytest.raises(RegistrationError):
        _sign_up(conference, sessions=[other])


def _queued_online_sessions() -> list[tuple]:
    return sorted(
        (email.object_id, email.extra["session"])
        for email in Email.objects.filter(
            kind="online_session", state=Email.State.QUEUED
        )
    )


def test_a_zoom_link_added_later_is_sent_to_the_sessions_participants(
    conference, opening, panel, run_worker
):
    follows_panel = _sign_up(conference, email="panel@example.org", sessions=[panel])
    follows_all = _sign_up(conference, email="all@example.org")
    _sign_up(conference, email="opening@example.org", sessions=[opening])
    run_worker()
    mail.outbox.clear()

    panel.online_join_url = "https://zoom.example/j/222"
    panel.online_passcode = "9999"
    panel.save()

    assert _queued_online_sessions() == sorted(
        [(follows_panel.pk, panel.pk), (follows_all.pk, panel.pk)]
    )
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "all@example.org",
        "panel@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "Zoom details: Panel 1"
    assert "  Join: https://zoom.example/j/222\n  Passcode: 9999\n" in message.body
    events = _calendar_events(message)
    assert [str(e["summary"]) for e in events] == ["Panel 1"]
    assert str(events[0]["url"]) == "https://zoom.example/j/222"


def test_a_save_that_changes_no_detail_sends_nothing(conference, opening, panel):
    _sign_up(conference)
    Email.objects.all().delete()

    opening.title = "Opening of the conference"
    opening.save()
    panel.description = "Still no link."
    panel.save()

    assert Email.objects.count() == 0


def test_a_changed_link_is_sent_again(conference, opening):
    participant = _sign_up(conference)
    opening.online_join_url = "https://zoom.example/j/new"
    opening.save()

    assert _queued_online_sessions() == [(participant.pk, opening.pk)]
    assert OnlineAnnouncement.objects.get(session=opening).join_url == (
        "https://zoom.example/j/new"
    )


def test_no_details_are_sent_after_the_session_ended(conference, panel):
    OnlineParticipantFactory(conference=conference)
    panel.online_join_url = "https://zoom.example/j/late"
    with time_machine.travel(at(20, 17)):
        assert announce_online_details(panel) == 0


def test_a_participant_who_dropped_the_session_gets_no_details(
    conference, opening, panel, run_worker
):
    participant = _sign_up(conference, sessions=[panel])
    panel.online_join_url = "https://zoom.example/j/222"
    panel.save()
    _sign_up(conference, sessions=[opening])
    mail.outbox.clear()
    Email.objects.filter(kind="online_welcome").delete()

    run_worker()

    assert participant.sessions.get() == opening
    assert mail.outbox == []


def test_staff_adding_the_link_in_the_session_admin_queues_the_email(
    conference, panel, admin_client
):
    participant = OnlineParticipantFactory(conference=conference)
    url = reverse("admin:events_session_change", args=[panel.pk])
    data = submitted_form(admin_client.get(url))
    data["online_join_url"] = "https://zoom.example/j/admin"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert _queued_online_sessions() == [(participant.pk, panel.pk)]
