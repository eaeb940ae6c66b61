"""Registration closes at the deadline or the conference's end; the secretariat's
address is on every page and e-mail that may need it."""

import datetime as dt

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from alliance.middleware import server_error
from registration.emails import build_and_send
from registration.models import Registration
from tests.registration.factories import (
    InvitationFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
)
from tests.registration.test_flow import form_data

pytestmark = pytest.mark.django_db

VIENNA_MIDNIGHT_AFTER = dt.datetime(2026, 4, 21, 22, 0, tzinfo=dt.UTC)


def test_registration_is_refused_after_the_conference_ends(client, time_machine):
    invitation = InvitationFactory(expires_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    RegistrationSettingsFactory(
        conference=invitation.conference, contact_email="atp@example.org"
    )
    url = reverse("registration:invitation", kwargs={"token": invitation.token})
    time_machine.move_to(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False)

    page = client.get(url)
    posted = client.post(url, form_data())

    assert page.status_code == 200
    assert "Registration and changes closed on 22 April 2026, 00:00" in page.text
    assert 'href="mailto:atp@example.org"' in page.text
    assert "<form" not in page.text.split("<main", 1)[1]
    assert posted.status_code == 302
    assert Registration.objects.count() == 0


def test_registration_closes_at_midnight_after_the_last_day(client, time_machine):
    invitation = InvitationFactory(expires_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    url = reverse("registration:invitation", kwargs={"token": invitation.token})

    time_machine.move_to(VIENNA_MIDNIGHT_AFTER - dt.timedelta(seconds=1), tick=False)
    open_page = client.get(url)
    time_machine.move_to(VIENNA_MIDNIGHT_AFTER, tick=False)
    closed_page = client.get(url)

    assert "You can register, change or cancel until 22 April 2026, 00:00" in (
        open_page.text
    )
    assert 'name="given_name"' in open_page.text
    assert 'name="given_name"' not in closed_page.text


def test_the_form_shows_the_deadline_when_one_is_set(client):
    invitation = InvitationFactory()
    RegistrationSettingsFactory(
        conference=invitation.conference,
        deadline=dt.datetime(2026, 4, 1, 10, 0, tzinfo=dt.UTC),
    )
    url = reverse("registration:invitation", kwargs={"token": invitation.token})

    page = client.get(url)

    assert "You can register, change or cancel until 1 April 2026, 12:00" in page.text


def test_the_bad_link_page_gives_the_secretariat_address(client, settings):
    settings.SECRETARIAT_EMAIL = "secretariat@example.org"
    url = reverse("registration:invitation", kwargs={"token": "x" * 43})

    page = client.get(url)

    assert page.status_code == 404
    assert (
        "please write to the conference secretariat at "
        '<a href="mailto:secretariat@example.org">secretariat@example.org</a>'
    ) in page.text


def test_an_expired_link_gives_its_conference_address(client):
    invitation = InvitationFactory(expires_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    RegistrationSettingsFactory(
        conference=invitation.conference, contact_email="atp@example.org"
    )
    url = reverse("registration:invitation", kwargs={"token": invitation.token})

    assert 'href="mailto:atp@example.org"' in client.get(url).text


def test_the_footer_and_privacy_page_give_the_address(client, settings):
    settings.SECRETARIAT_EMAIL = "secretariat@example.org"

    page = client.get(reverse("registration:privacy"))

    assert page.text.count('href="mailto:secretariat@example.org"') == 2


def test_the_server_error_page_gives_the_address(settings):
    settings.SECRETARIAT_EMAIL = "secretariat@example.org"

    response = server_error(RequestFactory().get("/en/"))

    assert response.status_code == 500
    assert 'href="mailto:secretariat@example.org"' in response.content.decode()


def test_every_e_mail_gives_the_conference_address():
    registration = RegistrationFactory()
    RegistrationSettingsFactory(
        conference=registration.conference, contact_email="atp@example.org"
    )

    build_and_send("confirmation", registration.pk)

    (message,) = mail.outbox
    assert "Questions: atp@example.org" in message.body
