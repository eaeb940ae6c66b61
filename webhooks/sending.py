"""One attempt of a delivery: signed as Standard Webhooks says, to a checked address.

The request goes to the address ``webhooks.addresses.resolve`` checked (the TLS
certificate is still verified against the host name), never follows a redirect,
and reads at most a little of the answer: only the status matters.
"""

import datetime as dt
import http.client
import json
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from standardwebhooks import Webhook

from webhooks.addresses import RefusedAddress, default_port, resolve

USER_AGENT = "Alliance-Webhooks/1"


@dataclass(frozen=True)
class Outcome:
    status: int | None
    error: str

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a given address whatever the host name resolves to now."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = 443

    def connect(self) -> None:
        super().connect()
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)


def signed_headers(
    secret: str, message_id: str, sent_at: dt.datetime, body: str
) -> dict:
    """The three Standard Webhooks headers for the body."""
    signature = Webhook(secret).sign(message_id, sent_at.astimezone(dt.UTC), body)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": signature,
    }


def body_of(payload: dict) -> str:
    """The JSON text, keys sorted: the same bytes on every attempt (jsonb reorders)."""
    return json.dumps(
        payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )


def post(
    url: str, secret: str, message_id: str, payload: dict, sent_at: dt.datetime
) -> Outcome:
    """POST the payload once; a refused address, a network error or a non-2xx is
    a failed outcome with the reason, never an exception."""
    try:
        scheme, host, port, address = resolve(url)
    except RefusedAddress as error:
        return Outcome(None, str(error))
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    body = body_of(payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Host": host if port == default_port(scheme) else f"{host}:{port}",
        **signed_headers(secret, message_id, sent_at, body),
    }
    connection_class = (
        _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    )
    connection = connection_class(
        host, port, address, timeout=settings.WEBHOOKS_TIMEOUT_SECONDS
    )
    try:
        connection.request("POST", path, body=body.encode(), headers=headers)
        response = connection.getresponse()
        response.read(1024)
        status = response.status
    except (OSError, http.client.HTTPException) as error:
        return Outcome(None, f"{type(error).__name__}: {error}"[:500])
    finally:
        connection.close()
    if 300 <= status < 400:
        return Outcome(
            status, "Redirect not followed: webhooks go to the URL as given."
        )
    if not 200 <= status < 300:
        return Outcome(status, f"HTTP {status}")
    return Outcome(status, "")
