"""Deliveries reach a real receiver, signed; failures are retried with back-off."""

import datetime as dt
import json

import pytest
import time_machine
from django.core import mail
from django_tasks_db.models import DBTaskResult
from standardwebhooks import Webhook

from events.services import save_session
from tests import factories
from tests.webhooks.jobs import delivery_jobs, run_delivery_jobs
from webhooks.alerts import send_endpoint_disabled_email
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_a_session_reaches_the_receiver_signed_as_the_api_shows_it(
    endpoint, receiver, api_client, settings
):
    settings.SITE_URL = "http://testserver"
    session = factories.SessionFactory(title="Forced criminality")
    factories.ParticipationFactory(session=session)

    assert run_delivery_jobs() == ["delivered"]

    [request] = receiver.requests
    assert request.path == "/hooks/alliance"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["webhook-id"] == Delivery.objects.get().message_id
    body = Webhook(endpoint.secret).verify(request.body, request.headers)
    api = api_client.get(f"/api/v1/sessions/{session.pk}/").json()
    assert body == {
        "type": "session.created",
        "timestamp": Delivery.objects.get().created_at.isoformat(),
        "data": api,
    }
    assert body["data"]["participants"] != []
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.DELIVERED
    assert (delivery.attempts, delivery.response_code, delivery.last_error) == (
        1,
        204,
        "",
    )


def test_a_wrong_secret_does_not_verify(endpoint, receiver):
    from standardwebhooks.webhooks import WebhookVerificationError

    factories.SessionFactory()
    run_delivery_jobs()
    [request] = receiver.requests
    other = Endpoint(name="x", url=endpoint.url)
    with pytest.raises(WebhookVerificationError):
        Webhook(other.secret).verify(request.body, request.headers)


def test_a_failing_receiver_is_retried_with_exponential_back_off(
    endpoint, receiver, clock
):
    receiver.answers = [(500, {})]
    factories.SessionFactory()
    delays = []
    for _attempt in range(4):
        assert run_delivery_jobs() == ["failed"]
        [job] = delivery_jobs()
        delays.append((job.run_after - START).total_seconds())
    assert delays == [30, 60, 120, 240]
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.RETRYING
    assert (delivery.attempts, delivery.response_code, delivery.last_error) == (
        4,
        500,
        "HTTP 500",
    )
    assert delivery.next_attempt_at == START + dt.timedelta(seconds=240)
    # every attempt sends the same message under the same id
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 1
    assert len({r.body for r in receiver.requests}) == 1


def test_the_back_off_is_capped(endpoint, receiver, clock, settings):
    receiver.answers = [(503, {})]
    delivery = Delivery.objects.create(
        endpoint=endpoint,
        message_id="msg_capped",
        event_type="programme.published",
        object_id=1,
        payload={"type": "programme.published", "timestamp": "x", "data": {}},
        created_at=START,
        attempts=12,
    )
    from webhooks.tasks import deliver

    deliver.call(delivery.pk)
    [job] = delivery_jobs()
    assert job.run_after == START + dt.timedelta(hours=6)


def test_after_the_last_attempt_it_gives_up(endpoint, receiver, clock, settings):
    settings.WEBHOOKS_MAX_ATTEMPTS = 2
    receiver.answers = [(500, {})]
    factories.SessionFactory()
    run_delivery_jobs()
    run_delivery_jobs()
    assert delivery_jobs() == []
    assert Delivery.objects.get().status == Delivery.Status.FAILED


def test_an_endpoint_failing_for_a_day_is_disabled_and_staff_are_told(
    endpoint, receiver, clock, settings
):
    settings.SECRETARIAT_EMAIL = "secretariat@example.org"
    receiver.answers = [(500, {})]
    factories.SessionFactory()
    run_delivery_jobs()
    endpoint.refresh_from_db()
    assert endpoint.failing_since == START
    clock.move_to(START + dt.timedelta(hours=23, minutes=59))
    run_delivery_jobs()
    endpoint.refresh_from_db()
    assert endpoint.is_active is True

    clock.move_to(START + dt.timedelta(days=1))
    run_delivery_jobs()

    endpoint.refresh_from_db()
    assert endpoint.is_active is False
    assert endpoint.disabled_at == START + dt.timedelta(days=1)
    assert endpoint.disabled_reason == "HTTP 500"
    assert delivery_jobs() == []
    assert Delivery.objects.get().status == Delivery.Status.FAILED
    [alert] = DBTaskResult.objects.filter(task_path__endswith="disabled_email")
    assert alert.args_kwargs["args"] == [endpoint.pk]
    send_endpoint_disabled_email.call(endpoint.pk)
    [message] = mail.outbox
    assert message.to == ["secretariat@example.org"]
    assert message.subject == "Webhook endpoint disabled: Schedule app"
    assert endpoint.url in message.body
    assert f"/admin/webhooks/endpoint/{endpoint.pk}/change/" in message.body
    # a later change is not sent to it
    factories.SessionFactory()
    assert Delivery.objects.count() == 1


def test_the_alert_goes_to_the_configured_addresses(endpoint, settings):
    settings.WEBHOOKS_ALERT_EMAILS = ["ops@example.org", "it@example.org"]
    send_endpoint_disabled_email.call(endpoint.pk)
    assert mail.outbox[0].to == ["ops@example.org", "it@example.org"]


def test_one_success_ends_the_failing_streak(endpoint, receiver, clock):
    receiver.answers = [(500, {}), (200, {})]
    factories.SessionFactory()
    run_delivery_jobs()
    endpoint.refresh_from_db()
    assert endpoint.failing_since == START
    clock.move_to(START + dt.timedelta(seconds=30))
    assert run_delivery_jobs() == ["delivered"]
    endpoint.refresh_from_db()
    assert endpoint.failing_since is None
    assert Delivery.objects.get().attempts == 2


def test_a_session_that_became_a_draft_before_sending_is_not_sent(endpoint, receiver):
    session = factories.SessionFactory()
    Delivery.objects.update(batch="")  # as if committed, then unpublished
    session.is_published = False
    save_session(session)
    outcomes = run_delivery_jobs()
    assert receiver.requests == [] or all(
        json.loads(r.body)["type"] == "session.deleted" for r in receiver.requests
    )
    assert "skipped" in outcomes
    skipped = Delivery.objects.get(event_type="session.created")
    assert skipped.status == Delivery.Status.SKIPPED
    assert skipped.payload is None


def test_a_disabled_endpoint_gets_nothing_more(endpoint, receiver):
    factories.SessionFactory()
    Endpoint.objects.update(is_active=False)
    assert run_delivery_jobs() == ["skipped"]
    assert receiver.requests == []
