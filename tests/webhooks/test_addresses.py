"""Server-side request forgery: private addresses are refused, after DNS, twice."""

import datetime as dt
import socket

import pytest

from tests import factories
from tests.webhooks.jobs import run_delivery_jobs
from webhooks.addresses import RefusedAddress, resolve
from webhooks.models import Delivery, Endpoint
from webhooks.sending import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def dns(monkeypatch):
    """Host names answered from a table, as a resolver would."""
    table: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            return [
                (
                    socket.AF_INET6 if ":" in a else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (a, port),
                )
                for a in table[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.5",
        "192.168.1.10",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",  # noqa: S104 (an address to refuse, not to bind)
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "ff02::1",
    ],
)
def test_non_public_addresses_are_refused(dns, address):
    dns["hooks.example.org"] = [address]
    with pytest.raises(RefusedAddress, match=r"webhooks go to public addresses only"):
        resolve("https://hooks.example.org/in")


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://[::1]:8080/"])
def test_address_literals_are_refused_too(url):
    with pytest.raises(RefusedAddress, match=r"is a private, local or reserved"):
        resolve(url)


def test_a_public_address_is_accepted_and_is_the_one_to_connect_to(dns):
    dns["hooks.example.org"] = ["93.184.215.14"]
    assert resolve("https://hooks.example.org:8443/in") == (
        "https",
        "hooks.example.org",
        8443,
        "93.184.215.14",
    )


def test_one_private_address_among_public_ones_refuses_the_host(dns):
    dns["hooks.example.org"] = ["93.184.215.14", "10.0.0.7"]
    with pytest.raises(RefusedAddress, match=r"10\.0\.0\.7"):
        resolve("https://hooks.example.org/in")


@pytest.mark.parametrize(
    "url", ["ftp://hooks.example.org/", "file:///etc/passwd", "gopher://x/"]
)
def test_other_schemes_are_refused(url):
    with pytest.raises(RefusedAddress, match="Only http and https"):
        resolve(url)


def test_a_host_that_does_not_resolve_is_refused():
    with pytest.raises(RefusedAddress, match="does not resolve"):
        resolve("https://nowhere.invalid/")


def test_private_addresses_are_allowed_only_when_the_setting_says_so(settings, dns):
    dns["hooks.internal"] = ["10.0.0.7"]
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    assert resolve("http://hooks.internal/")[3] == "10.0.0.7"


def test_the_setting_is_off_outside_debug(settings):
    from alliance import settings as project

    assert project.WEBHOOKS_ALLOW_PRIVATE is False
    assert settings.WEBHOOKS_ALLOW_PRIVATE is False


def test_a_private_endpoint_is_refused_at_delivery_too(receiver, settings):
    """Saved past the form (or its name now resolves inside): nothing is sent."""
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    Endpoint.objects.create(name="Inside", url=receiver.url, events=["session.created"])
    factories.SessionFactory()
    assert run_delivery_jobs() == ["failed"]
    assert receiver.requests == []
    delivery = Delivery.objects.get()
    assert delivery.response_code is None
    assert delivery.last_error == (
        "127.0.0.1 is a private, local or reserved address: "
        "webhooks go to public addresses only."
    )


def test_the_request_goes_to_the_address_that_was_checked(
    receiver, allow_private, dns, monkeypatch
):
    """The name is resolved once; its next answer (DNS rebinding) is never asked."""
    dns["hooks.example.org"] = ["127.0.0.1"]
    names = []
    answer = socket.getaddrinfo

    def once(host, *args, **kwargs):
        names.append(host)
        result = answer(host, *args, **kwargs)
        dns["hooks.example.org"] = ["10.255.255.1"]  # rebound: unreachable
        return result

    monkeypatch.setattr(socket, "getaddrinfo", once)
    outcome = post(
        f"http://hooks.example.org:{receiver.port}/in",
        Endpoint().secret,
        "msg_1",
        {"type": "t", "timestamp": "x", "data": {}},
        dt.datetime.now(dt.UTC),
    )
    assert outcome.ok
    assert [name for name in names if not name[0].isdigit()] == ["hooks.example.org"]
    [request] = receiver.requests
    assert request.headers["Host"] == f"hooks.example.org:{receiver.port}"


def test_no_redirect_is_followed(endpoint, receiver):
    receiver.answers = [(302, {"Location": f"http://127.0.0.1:{receiver.port}/else"})]
    factories.SessionFactory()
    assert run_delivery_jobs() == ["failed"]
    assert [r.path for r in receiver.requests] == ["/hooks/alliance"]
    delivery = Delivery.objects.get()
    assert delivery.response_code == 302
    assert delivery.last_error == (
        "Redirect not followed: webhooks go to the URL as given."
    )
    assert delivery.status == Delivery.Status.RETRYING


def test_https_speaks_tls_to_the_checked_address_and_fails_cleanly(
    receiver, allow_private, dns
):
    """The plain receiver cannot answer a TLS handshake: a failed outcome, no crash."""
    dns["hooks.example.org"] = ["127.0.0.1"]
    outcome = post(
        f"https://hooks.example.org:{receiver.port}/in",
        Endpoint().secret,
        "msg_1",
        {"type": "t", "timestamp": "x", "data": {}},
        dt.datetime.now(dt.UTC),
    )
    assert outcome.status is None
    assert outcome.error.startswith(("SSLError", "SSLEOFError", "ConnectionResetError"))
