"""Capacity holds when many invitees submit at the same moment (PostgreSQL locks)."""

import contextlib
import fcntl
import threading
import time
import uuid

import pytest
from django.db import connection

from registration.models import Registration, SideEventWait
from registration.services import RegistrationError
from registration.services.registrations import (
    RegistrationData,
    cancel_registration,
    register,
)
from tests.factories import ConferenceFactory, RoomFactory, SessionFactory
from tests.registration.factories import InvitationFactory


@pytest.fixture(autouse=True)
def _one_at_a_time(tmp_path_factory):
    """Up to 50 threads, each with its own connection: two of these tests at once (one
    per xdist worker) would pass PostgreSQL's max_connections, so they take turns."""
    lock = tmp_path_factory.getbasetemp().parent / "many-connections.lock"
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _data(session=None) -> RegistrationData:
    return RegistrationData(
        given_name="Anna",
        family_name="Berger",
        email="anna@example.org",
        consent=True,
        sessions=[session] if session else [],
    )


def _run_together(*jobs) -> list[BaseException]:
    """Run the callables in threads released at the same moment."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job) -> None:
        try:
            barrier.wait()
            job()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _wait_for_connections_to_close()
    return errors


def _wait_for_connections_to_close(seconds: float = 10) -> None:
    """PostgreSQL counts a closed connection until its backend has exited: wait for
    that, so that the next test's threads stay within max_connections."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database()"
            )
            if cursor.fetchone()[0] <= 1:
                return
            time.sleep(0.05)


def _fire(invitations, session=None) -> list[BaseException]:
    """Every invitation registers at the same moment; refusals are not errors."""

    def submitter(invitation):
        def submit() -> None:
            with contextlib.suppress(RegistrationError):
                register(
                    invitation=invitation,
                    data=_data(session),
                    submission_key=str(uuid.uuid4()),
                )

        return submit

    return _run_together(*(submitter(invitation) for invitation in invitations))


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
    # The others register all the same and wait for a seat in that room.
    assert Registration.objects.filter(conference=conference).count() == 50
    assert SideEventWait.objects.filter(session=session).count() == 40


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_full_side_event_queues_in_arrival_order_and_passes_seats_on_exactly():
    conference = ConferenceFactory(in_person_capacity=None)
    session = SessionFactory(conference=conference, room=RoomFactory(capacity=5))
    invitations = InvitationFactory.create_batch(20, conference=conference)
    assert _fire(invitations, session) == []

    registrations = Registration.objects.filter(conference=conference)
    assert registrations.filter(status=Registration.Status.CONFIRMED).count() == 20
    seated = sorted(session.registrations.values_list("pk", flat=True))
    queue = list(
        SideEventWait.objects.filter(session=session)
        .order_by("created_at", "id")
        .values_list("registration_id", flat=True)
    )
    assert len(seated) == 5
    assert len(queue) == 15
    # Arrival order: the seats went to the first five, the queue follows the rest.
    assert seated + queue == sorted(registrations.values_list("pk", flat=True))

    # Three seat holders cancel while three more invitees choose the side event.
    leaving = Registration.objects.filter(pk__in=seated[:3])
    newcomers = InvitationFactory.create_batch(3, conference=conference)
    jobs = [
        lambda registration=registration: cancel_registration(registration)
        for registration in leaving
    ] + [
        lambda invitation=invitation: register(
            invitation=invitation,
            data=_data(session),
            submission_key=str(uuid.uuid4()),
        )
        for invitation in newcomers
    ]
    assert _run_together(*jobs) == []

    holders = session.registrations.filter(status=Registration.Status.CONFIRMED)
    assert holders.count() == 5
    assert sorted(holders.values_list("pk", flat=True)) == sorted(
        seated[3:] + queue[:3]
    )
    still_waiting = list(
        SideEventWait.objects.filter(session=session)
        .order_by("created_at", "id")
        .values_list("registration_id", flat=True)
    )
    assert still_waiting[:12] == queue[3:]
    assert len(still_waiting) == 15
