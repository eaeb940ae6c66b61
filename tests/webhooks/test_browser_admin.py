"""The webhook admin in Chromium: the endpoint form (with its refusal and the secret
shown once) and the delivery log, at both widths in both languages."""

import datetime as dt
import socket
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.browser import ARTIFACTS, axe_violations
from webhooks.models import Delivery, Endpoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = ((360, 780), (1280, 900))

GEOMETRY = (Path(__file__).parent / "admin_checks.js").read_text()


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


def login(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )


def shoot(page, name: str) -> None:
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        assert page.evaluate(GEOMETRY) == [], f"{name} {width}"
    assert axe_violations(page) == [], (name, axe_targets(page))


def axe_targets(page) -> list:
    """Where axe finds a serious problem, to say so when the check fails."""
    return page.evaluate(
        """async () => (await axe.run(document)).violations
            .filter(v => ["serious", "critical"].includes(v.impact))
            .flatMap(v => v.nodes.map(n => v.id + " " + n.target.join(" ")))"""
    )


def test_staff_register_an_endpoint_and_read_its_deliveries(
    page, live_server, admin_user, public_dns
):
    ARTIFACTS.mkdir(exist_ok=True)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    login(page, live_server, admin_user)
    copied = {"en": "Copied", "ru": "Скопировано"}
    for language in ("en", "ru"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/{language}/admin/webhooks/endpoint/add/")
        page.fill("#id_name", f"Conference app {language}")
        page.fill("#id_url", "http://127.0.0.1:9000/in")
        page.check("input[name=events][value='session.created']")
        page.check("input[name=events][value='session.changed']")
        page.locator("input[name=_save]").click()
        page.wait_for_selector(".errorlist")
        assert "127.0.0.1" in page.locator("#id_url").input_value()
        shoot(page, f"admin-webhook-endpoint-refused-{language}")

        page.fill("#id_url", "https://hooks.example.org/alliance")
        page.locator("input[name=_save]").click()
        page.wait_for_selector("#webhook-secret")
        endpoint = Endpoint.objects.get(name=f"Conference app {language}")
        secret = page.locator("#webhook-secret-value")
        assert secret.input_value() == endpoint.secret
        shoot(page, f"admin-webhook-endpoint-secret-{language}")
        page.locator("#webhook-secret button").click()
        # The clipboard answers asynchronously: wait for the button to say so.
        page.wait_for_function(
            "text => document.querySelector('#webhook-secret button')"
            ".innerText === text",
            arg=copied[language],
        )
        assert page.evaluate("navigator.clipboard.readText()") == endpoint.secret

        page.reload()
        assert page.locator("#webhook-secret").count() == 0
        assert endpoint.secret not in page.content()
        shoot(page, f"admin-webhook-endpoint-form-{language}")

    endpoint = Endpoint.objects.first()
    moment = dt.datetime(2026, 4, 20, 9, 0, tzinfo=dt.UTC)
    for n, (status, code, error) in enumerate(
        [
            ("delivered", 204, ""),
            ("retrying", 500, "HTTP 500"),
            ("failed", None, "ConnectionRefusedError: [Errno 111] Connection refused"),
        ]
    ):
        Delivery.objects.create(
            endpoint=endpoint,
            message_id=f"msg_{n}",
            event_type="session.changed",
            object_id=40 + n,
            status=status,
            attempts=n + 1,
            response_code=code,
            last_error=error,
            payload={"type": "session.changed", "timestamp": "t", "data": {"id": 40}},
            created_at=moment,
            last_attempt_at=moment,
        )
    for language in ("en", "ru"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{live_server.url}/{language}/admin/webhooks/delivery/")
        assert page.locator("#result_list tbody tr").count() == 3
        shoot(page, f"admin-webhook-deliveries-{language}")
        page.goto(
            f"{live_server.url}/{language}/admin/webhooks/delivery/"
            f"{Delivery.objects.get(message_id='msg_1').pk}/change/"
        )
        shoot(page, f"admin-webhook-delivery-{language}")
