"""Capacity holds when many invitees submit at the same moment (PostgreSQL locks)."""

import threading
import uuid

import pytest
from django.db import connection

from registration import services
from registration.models import Registration
from tests.factories import ConferenceFactory, RoomFactory, SessionFactory
from tests.registration.factories import InvitationFactory


def _data(session=None) -> services.RegistrationData:
    return services.RegistrationData(
        given_name="Anna",
        family_name="Berger",
        email="anna@example.org",
        consent=True,
        sessions=[session] if session else [],
    )


def _fire(invitations, session=None) -> list[BaseException]:
    barrier = threading.Barrier(len(invitations))
    errors: list[BaseException] = []

    def submit(invitation) -> None:
        try:
            barrier.wait()
            services.register(
                invitation=invitation,
                data=_data(session),
                submission_key=str(uuid.uuid4()),
            )
        except services.RegistrationError:
            pass
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in invitations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_fill_exactly_ten_places():
    conference = ConferenceFactory(in_person_capacity=10)
    invitations = InvitationFactory.create_batch(50, conference=conference)
    assert _fire(invitations) == []
    statuses = Registration.objects.filter(conference=conference)
    assert statuses.filter(status=Registration.Status.CONFIRMED).count() == 10
    assert statuses.filter(status=Registration.Status.WAITLISTED).count() == 40


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_never_overfill_a_room():
    conference = ConferenceFactory(in_person_capacity=None)
    session = SessionFactory(conference=conference, room=RoomFactory(capacity=10))
    invitations = InvitationFactory.create_batch(50, conference=conference)
    assert _fire(invitations, session) == []
    assert session.registrations.count() == 10
    assert Registration.objects.filter(conference=conference).count() == 10
