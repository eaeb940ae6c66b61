"""A real HTTP receiver on this machine, and endpoints that point to it."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from webhooks.models import Endpoint, EventType


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Answers each POST with the next of ``answers`` (the last one repeats)."""

    port: int
    requests: list[Received] = field(default_factory=list)
    answers: list[tuple[int, dict[str, str]]] = field(
        default_factory=lambda: [(204, {})]
    )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/alliance"

    def answer(self) -> tuple[int, dict[str, str]]:
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state: dict[str, Receiver] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            box = state["receiver"]
            box.requests.append(Received(self.path, dict(self.headers.items()), body))
            status, headers = box.answer()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:  # a followed redirect would land here
            self.do_POST()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state["receiver"] = Receiver(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state["receiver"]
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def allow_private(settings):
    """The local receiver is on loopback: allowed here as in development."""
    settings.WEBHOOKS_ALLOW_PRIVATE = True


@pytest.fixture
def endpoint(receiver, allow_private) -> Endpoint:
    return Endpoint.objects.create(
        name="Schedule app",
        url=receiver.url,
        events=[choice.value for choice in EventType],
    )
