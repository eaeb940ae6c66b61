"""Personal data: exported on request, erased with its history, anonymised later."""

import datetime as dt

import pytest
import reversion
from reversion.models import Version

from outbox.models import Email
from registration.models import (
    Invitation,
    OnlineParticipant,
    Registration,
    SideEventWait,
)
from registration.services.privacy import (
    ANONYMOUS,
    anonymise_registrations,
    erase_person,
    personal_data_of,
)
from tests.factories import ConferenceFactory, SessionFactory
from tests.outbox.factories import EmailFactory
from tests.registration.factories import (
    OnlineParticipantFactory,
    RegistrationFactory,
    SideEventWaitFactory,
)

pytestmark = pytest.mark.django_db


def test_the_export_holds_every_record_of_the_address_in_any_case():
    registration = RegistrationFactory(
        email="anna@example.org",
        invitation__email="Anna@Example.org",
        dietary_needs="vegan",
    )
    session = SessionFactory(conference=registration.conference, title="Compounds")
    registration.sessions.add(session)
    OnlineParticipantFactory(
        email="anna@example.org",
        conference=registration.conference,
        organisation="NGO",
        sessions=[session],
    )
    RegistrationFactory(email="someone@example.org")

    data = personal_data_of(" ANNA@example.org ")

    assert data["email"] == "ANNA@example.org"
    assert [i["email"] for i in data["invitations"]] == ["Anna@Example.org"]
    [exported] = data["registrations"]
    assert (exported["dietary_needs"], exported["sessions"]) == ("vegan", ["Compounds"])
    [online] = data["online_participation"]
    assert (online["conference"], online["email"], online["organisation"]) == (
        registration.conference.slug,
        "anna@example.org",
        "NGO",
    )
    assert online["sessions"] == ["Compounds"]


def test_erasing_deletes_the_records_and_their_history():
    registration = RegistrationFactory(
        email="anna@example.org", invitation__email="anna@example.org"
    )
    with reversion.create_revision():
        reversion.add_to_revision(registration)
    online = OnlineParticipantFactory(email="anna@example.org")
    with reversion.create_revision():
        reversion.add_to_revision(online)

    count = erase_person("anna@example.org")

    assert count == 3
    assert Registration.objects.count() == 0
    assert Invitation.objects.count() == 0
    assert OnlineParticipant.objects.count() == 0
    assert Version.objects.count() == 0


def test_anonymising_strips_people_of_conferences_ended_long_enough_ago():
    old = ConferenceFactory(
        start_date=dt.date(2020, 4, 20), end_date=dt.date(2020, 4, 21)
    )
    past = RegistrationFactory(invitation__conference=old, dietary_needs="vegan")
    SideEventWaitFactory(session=SessionFactory(conference=old), registration=past)
    recent = RegistrationFactory()

    assert anonymise_registrations(days=365) == 1

    past.refresh_from_db()
    recent.refresh_from_db()
    assert (past.given_name, past.email, past.dietary_needs) == (
        ANONYMOUS,
        f"{ANONYMOUS}-{past.pk}@invalid",
        "",
    )
    assert past.anonymised_at is not None
    assert past.invitation.name == ANONYMOUS
    assert recent.given_name != ANONYMOUS
    assert SideEventWait.objects.count() == 0
    assert anonymise_registrations(days=365) == 0


def test_anonymising_deletes_online_participants_of_past_conferences():
    old = ConferenceFactory(
        start_date=dt.date(2020, 4, 20), end_date=dt.date(2020, 4, 21)
    )
    OnlineParticipantFactory(conference=old, email="old@example.org")
    OnlineParticipantFactory(email="recent@example.org")

    anonymise_registrations(days=365)

    assert list(OnlineParticipant.objects.values_list("email", flat=True)) == [
        "recent@example.org"
    ]


def test_the_emails_to_a_person_are_exported_and_erased_with_the_rest():
    EmailFactory(recipient="anna@example.org", kind="confirmation", state="sent")
    EmailFactory(recipient="someone@example.org")

    exported = personal_data_of("Anna@example.org")["emails"]
    erase_person("anna@example.org")

    assert [(e["kind"], e["state"]) for e in exported] == [("confirmation", "sent")]
    assert list(Email.objects.values_list("recipient", flat=True)) == [
        "someone@example.org"
    ]


def test_anonymising_blanks_who_the_emails_of_past_conferences_went_to():
    old = ConferenceFactory(
        start_date=dt.date(2020, 4, 20), end_date=dt.date(2020, 4, 21)
    )
    EmailFactory(conference=old, recipient="anna@example.org", subject="Confirmed")
    EmailFactory(recipient="boris@example.org", subject="Confirmed")

    anonymise_registrations(days=365)

    assert sorted(Email.objects.values_list("recipient", "subject")) == [
        ("", ""),
        ("boris@example.org", "Confirmed"),
    ]
