"""The staff dashboard: every figure of one conference, against a known data set."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.dashboard import dashboard_for
from registration.models import CheckIn, Invitation, Registration
from registration.services.rules import settings_for
from tests.factories import ConferenceFactory, RoomFactory, SessionFactory
from tests.outbox.factories import EmailFactory
from tests.registration.factories import (
    InvitationFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    SideEventWaitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_conference():
    """10 places; 3 held (2 confirmed, 1 offered), 2 waiting, 1 cancelled; one side
    event with 2 seats, both taken, and one person waiting; invitations in every
    status, one past its expiry; e-mails failing and given up."""
    conference = ConferenceFactory(slug="alliance-26")
    RegistrationSettingsFactory(conference=conference, in_person_capacity=10)
    side_event = SessionFactory(
        conference=conference,
        title="Children Trafficked into Crime",
        room=RoomFactory(name="Room 533", capacity=2),
    )
    Status = Registration.Status
    statuses = [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.OFFERED,
        Status.WAITLISTED,
        Status.WAITLISTED,
        Status.CANCELLED,
    ]
    registrations = [
        RegistrationFactory(invitation__conference=conference, status=status)
        for status in statuses
    ]
    registrations[0].sessions.add(side_event)
    registrations[1].sessions.add(side_event)
    SideEventWaitFactory(session=side_event, registration=registrations[2])
    CheckIn.objects.create(registration=registrations[0])
    registrations[0].checked_in_at = timezone.now()
    registrations[0].save()
    CheckIn.objects.create(registration=registrations[0], session=side_event)
    for status in [
        Invitation.Status.CREATED,
        Invitation.Status.SENT,
        Invitation.Status.OPENED,
        Invitation.Status.DECLINED,
    ]:
        InvitationFactory(conference=conference, status=status)
    InvitationFactory(
        conference=conference,
        status=Invitation.Status.SENT,
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    Invitation.objects.filter(registrations__isnull=False).update(
        status=Invitation.Status.REGISTERED
    )
    # E-mails: 2 failing, 1 given up, 1 sent; another conference's failing one.
    for state in ["failing", "failing", "given_up", "sent"]:
        EmailFactory(conference=conference, state=state)
    EmailFactory(state="failing")
    return conference


def test_dashboard_figures_of_a_known_data_set(known_conference):
    figures = dashboard_for(known_conference, settings_for(known_conference))

    places = figures.places
    assert (places.held, places.capacity, places.left) == (3, 10, 7)
    assert (places.waiting, places.offers_open) == (2, 1)
    assert [
        (s.session.title, s.taken, s.capacity, s.waiting) for s in figures.side_events
    ] == [("Children Trafficked into Crime", 2, 2, 1)]
    assert figures.invitations == [
        ("Created", 1),
        ("Sent", 1),
        ("Opened", 1),
        ("Registered", 6),
        ("Declined", 1),
        ("Expired", 1),
        ("Revoked", 0),
    ]
    assert [(a.label, a.arrived, a.expected) for a in figures.arrivals] == [
        (known_conference.title, 1, 2),
        ("Children Trafficked into Crime", 1, 2),
    ]
    assert (figures.emails.failing, figures.emails.given_up) == (2, 1)


def test_the_dashboard_links_the_failing_and_given_up_emails(
    admin_client, known_conference
):
    url = reverse("registration:staff", kwargs={"conference": "alliance-26"})

    page = admin_client.get(url).text

    emails = page[
        page.index('id="emails"') : page.index("</dl>", page.index('id="emails"'))
    ]
    listed = f"/en/admin/outbox/email/?conference__id__exact={known_conference.pk}"
    assert (
        f'<dt>Failing, retried automatically</dt><dd><a href="{listed}&amp;'
        'state__exact=failing">2</a></dd>'
    ) in emails
    assert (
        f'<dt>Given up, to re-send</dt><dd><a href="{listed}&amp;'
        'state__exact=given_up">1</a></dd>'
    ) in emails


def test_no_capacity_reads_no_limit_set(admin_client):
    conference = ConferenceFactory(in_person_capacity=None)

    page = admin_client.get(
        reverse("registration:staff", kwargs={"conference": conference.slug})
    )

    assert page.status_code == 200
    assert "<dt>Capacity</dt><dd>no limit set</dd>" in page.text
    assert "None" not in page.text


@pytest.mark.parametrize("side_events", [1, 3])
def test_dashboard_page_query_count(
    admin_client, known_conference, django_assert_max_num_queries, side_events
):
    for n in range(side_events):
        SessionFactory(conference=known_conference, title=f"Extra {n}")
    url = reverse("registration:staff", kwargs={"conference": "alliance-26"})

    with django_assert_max_num_queries(12):
        page = admin_client.get(url)

    assert page.status_code == 200
    assert "Side events: who attends" in page.text
    assert ">side_events<" not in page.text


def test_dashboard_is_in_russian_for_russian_staff(admin_client, known_conference):
    url = reverse("registration:staff", kwargs={"conference": "alliance-26"})

    page = admin_client.get(url.replace("/en/", "/ru/", 1))

    assert "Участники" in page.text


def test_admin_index_and_conference_page_link_the_dashboard(
    admin_client, known_conference
):
    dashboard = reverse("registration:staff", kwargs={"conference": "alliance-26"})

    index = admin_client.get(reverse("admin:index"))
    change = admin_client.get(
        reverse("admin:events_conference_change", args=[known_conference.pk])
    )

    assert f'href="{dashboard}"' in index.text
    assert f'href="{dashboard}"' in change.text
    assert "Alliance conference administration" in index.text


def test_arrivals_refresh_by_themselves_during_the_conference(
    client, admin_user, known_conference, time_machine
):
    url = reverse("registration:staff", kwargs={"conference": "alliance-26"})

    client.force_login(admin_user)
    before = client.get(url)
    time_machine.move_to(dt.datetime(2026, 4, 20, 8, 0, tzinfo=dt.UTC))
    client.force_login(admin_user)  # the staff session of March has expired
    during = client.get(url)

    assert "dashboard.js" not in before.text
    assert 'data-refresh="60"' in during.text
    assert "dashboard.js" in during.text
