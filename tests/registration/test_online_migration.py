"""The move to one online sign-up per conference keeps every sign-up, both ways."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from registration.models import OnlineAnnouncement, OnlineParticipant
from registration.tasks import send_registration_email
from tests.factories import ConferenceFactory, SessionFactory

# Migrations alter tables: outside the test transaction, the data put back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("registration", "0007_checkin_scan_id")]
AFTER = [("registration", "0010_remove_onlinesignup")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_per_session_sign_ups_merge_per_conference_and_come_back():
    conference = ConferenceFactory()
    opening, panel = (
        SessionFactory(
            conference=conference,
            slug=slug,
            online_link_on_registration=True,
            online_meeting_id=meeting_id,
        )
        for slug, meeting_id in (("opening", "111"), ("panel", ""))
    )
    other = SessionFactory(online_link_on_registration=True)
    old_apps = _migrate(BEFORE)
    OnlineSignup = old_apps.get_model("registration", "OnlineSignup")
    now = timezone.now()
    for session, email, name, minutes in [
        (opening, "anna@example.org", "Anna", 0),
        (panel, "Anna@Example.org", "Anna Berger", 5),
        (panel, "boris@example.org", "Boris", 1),
        (other, "anna@example.org", "Anna", 2),
    ]:
        signup = OnlineSignup.objects.create(
            session_id=session.pk, email=email, name=name, consent_at=now
        )
        OnlineSignup.objects.filter(pk=signup.pk).update(
            created_at=now + dt.timedelta(minutes=minutes)
        )

    send_registration_email.enqueue("online_link", signup.pk)  # the last one's

    _migrate(AFTER)

    (job,) = DBTaskResult.objects.all()
    participant = OnlineParticipant.objects.get(conference=other.conference)
    assert job.args_kwargs["args"] == ["online_welcome", participant.pk]
    merged = {
        (p.conference_id, p.email): (p.name, sorted(s.slug for s in p.sessions.all()))
        for p in OnlineParticipant.objects.all()
    }
    assert merged == {
        (conference.pk, "anna@example.org"): ("Anna Berger", ["opening", "panel"]),
        (conference.pk, "boris@example.org"): ("Boris", ["panel"]),
        (other.conference_id, "anna@example.org"): ("Anna", [other.slug]),
    }
    # Known details count as sent (the per-session e-mails had them); the panel's
    # are not known yet.
    announced = OnlineAnnouncement.objects.values_list("session__slug", flat=True)
    assert sorted(announced) == sorted(["opening", other.slug])

    old_apps = _migrate(BEFORE)
    OnlineSignup = old_apps.get_model("registration", "OnlineSignup")
    assert sorted(
        OnlineSignup.objects.values_list("session__slug", "email", "name")
    ) == sorted(
        [
            ("opening", "anna@example.org", "Anna Berger"),
            ("panel", "anna@example.org", "Anna Berger"),
            ("panel", "boris@example.org", "Boris"),
            (other.slug, "anna@example.org", "Anna"),
        ]
    )
    _migrate(AFTER)
