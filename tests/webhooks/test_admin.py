"""The admin: endpoints with a secret shown once, a read-only delivery log, re-send."""

import base64
import datetime as dt
import socket

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.webhooks.jobs import delivery_jobs
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db

ADD = reverse("admin:webhooks_endpoint_add")


@pytest.fixture
def public_dns(monkeypatch):
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "hooks.example.org":
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def form_data(**overrides):
    data = {
        "name": "Conference app",
        "url": "https://hooks.example.org/alliance",
        "conference": "",
        "events": ["session.created", "session.changed", "session.deleted"],
        "is_active": "on",
    }
    return data | overrides


def deliveries(endpoint, count):
    now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    Delivery.objects.bulk_create(
        Delivery(
            endpoint=endpoint,
            message_id=f"msg_{endpoint.pk}_{n}",
            event_type="session.changed",
            object_id=n,
            status=Delivery.Status.RETRYING,
            attempts=3,
            response_code=500,
            last_error="HTTP 500",
            payload={"type": "session.changed", "timestamp": "t", "data": {"id": n}},
            created_at=now,
        )
        for n in range(count)
    )


def test_a_new_endpoint_shows_its_secret_once(admin_client, public_dns):
    response = admin_client.post(ADD, form_data())
    endpoint = Endpoint.objects.get()
    change = reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])
    assert response.status_code == 302
    assert response["Location"] == change
    assert endpoint.secret.startswith("whsec_")
    assert len(base64.b64decode(endpoint.secret.removeprefix("whsec_"))) == 32
    assert endpoint.events == ["session.created", "session.changed", "session.deleted"]

    first = admin_client.get(change).content.decode()
    again = admin_client.get(change).content.decode()
    assert f'value="{endpoint.secret}"' in first
    assert "shown only this once" in first
    assert endpoint.secret not in again
    assert endpoint.secret[:10] + "…" in again


def test_a_new_secret_on_request_is_shown_once(admin_client, public_dns):
    endpoint = Endpoint.objects.create(
        name="App", url="https://hooks.example.org/a", events=["session.created"]
    )
    old = endpoint.secret
    change = reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])
    admin_client.post(
        change, form_data(url=endpoint.url, events=["session.created"], new_secret="on")
    )
    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert f'value="{endpoint.secret}"' in admin_client.get(change).content.decode()


def test_a_private_address_is_refused_with_a_clear_error(admin_client):
    response = admin_client.post(ADD, form_data(url="http://127.0.0.1:8080/in"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"] == [
        "127.0.0.1 is a private, local or reserved address: "
        "webhooks go to public addresses only."
    ]
    assert Endpoint.objects.count() == 0


def test_the_error_speaks_russian(admin_client):
    with translation.override("ru"):
        add = reverse("admin:webhooks_endpoint_add")
    response = admin_client.post(add, form_data(url="http://169.254.169.254/"))
    [error] = response.context["adminform"].form.errors["url"]
    assert error == (
        "169.254.169.254 — частный, локальный или зарезервированный адрес; "
        "веб-хуки отправляются только на публичные адреса."
    )


def test_a_name_that_resolves_inside_is_refused(admin_client, monkeypatch):
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "hooks.example.org":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    response = admin_client.post(ADD, form_data())
    assert response.context["adminform"].form.errors["url"] == [
        "hooks.example.org resolves to 10.0.0.7, a private, local or reserved "
        "address: webhooks go to public addresses only."
    ]


def test_at_least_one_event_is_needed(admin_client, public_dns):
    response = admin_client.post(ADD, form_data(events=[]))
    assert response.context["adminform"].form.errors["events"] == [
        "This field is required."
    ]


def test_turning_a_disabled_endpoint_on_again_clears_its_failures(
    admin_client, public_dns
):
    moment = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    endpoint = Endpoint.objects.create(
        name="App",
        url="https://hooks.example.org/a",
        events=["session.created"],
        is_active=False,
        failing_since=moment,
        disabled_at=moment,
        disabled_reason="HTTP 500",
    )
    change = reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])
    admin_client.post(change, form_data(url=endpoint.url, events=["session.created"]))
    endpoint.refresh_from_db()
    assert (endpoint.is_active, endpoint.failing_since, endpoint.disabled_at) == (
        True,
        None,
        None,
    )
    assert endpoint.disabled_reason == ""


def test_endpoint_pages_render_in_bounded_queries(
    admin_client, django_assert_max_num_queries
):
    conference = factories.ConferenceFactory()
    for n in range(5):
        endpoint = Endpoint.objects.create(
            name=f"App {n}",
            url=f"https://hooks{n}.example.org/",
            conference=conference,
            events=["session.created"],
        )
        deliveries(endpoint, 3)
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:webhooks_endpoint_changelist"))
    assert response.status_code == 200
    assert response.content.decode().count(">3</a>") == 5
    with django_assert_max_num_queries(14):
        assert admin_client.get(ADD).status_code == 200
    change = reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])
    with django_assert_max_num_queries(14):
        assert admin_client.get(change).status_code == 200


def test_the_delivery_log_renders_in_bounded_queries(
    admin_client, django_assert_max_num_queries
):
    for n in range(3):
        endpoint = Endpoint.objects.create(
            name=f"App {n}", url=f"https://hooks{n}.example.org/", events=[]
        )
        deliveries(endpoint, 20)
    url = reverse("admin:webhooks_delivery_changelist")
    with django_assert_max_num_queries(14):
        response = admin_client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("HTTP 500") >= 60
    delivery = Delivery.objects.first()
    with django_assert_max_num_queries(12):
        detail = admin_client.get(
            reverse("admin:webhooks_delivery_change", args=[delivery.pk])
        )
    assert detail.status_code == 200
    assert "webhook-payload" in detail.content.decode()
    assert admin_client.get(reverse("admin:webhooks_delivery_add")).status_code == 403


def test_the_delivery_log_is_read_only(admin_client):
    endpoint = Endpoint.objects.create(name="App", url="https://h.example.org/")
    deliveries(endpoint, 1)
    delivery = Delivery.objects.get()
    change = reverse("admin:webhooks_delivery_change", args=[delivery.pk])
    response = admin_client.post(change, {"status": "delivered"})
    assert response.status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.RETRYING


def test_re_send_queues_the_selected_deliveries_again(admin_client):
    endpoint = Endpoint.objects.create(name="App", url="https://h.example.org/")
    deliveries(endpoint, 3)
    Delivery.objects.update(status=Delivery.Status.FAILED)
    chosen = list(Delivery.objects.order_by("id").values_list("pk", flat=True)[:2])
    response = admin_client.post(
        reverse("admin:webhooks_delivery_changelist"),
        {"action": "resend_selected", "_selected_action": chosen},
        follow=True,
    )
    assert "2 deliveries queued again." in response.content.decode()
    assert sorted(job.args_kwargs["args"][0] for job in delivery_jobs()) == chosen
    statuses = dict(Delivery.objects.values_list("pk", "status"))
    assert [statuses[pk] for pk in chosen] == ["pending", "pending"]
    assert sorted(statuses.values()).count("failed") == 1


def test_staff_who_may_only_view_cannot_re_send(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_delivery"))
    client.force_login(user)
    endpoint = Endpoint.objects.create(name="App", url="https://h.example.org/")
    deliveries(endpoint, 1)
    page = client.get(reverse("admin:webhooks_delivery_changelist"))
    assert page.status_code == 200
    assert "resend_selected" not in page.content.decode()
