"""Fixtures of the outbox tests: the worker, a mail server that refuses, staff."""

import smtplib

import pytest
from django.contrib.auth.models import Group
from django.core.mail.backends.locmem import EmailBackend


class MailServer:
    """The test mail backend, switched between down and up."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        self._send = EmailBackend.send_messages

    def down(self, error: Exception | None = None) -> None:
        failure = error or smtplib.SMTPServerDisconnected(
            "Connection unexpectedly closed"
        )

        def refuse(backend, messages):
            raise failure

        self._monkeypatch.setattr(EmailBackend, "send_messages", refuse)

    def up(self) -> None:
        self._monkeypatch.setattr(EmailBackend, "send_messages", self._send)


@pytest.fixture
def mail_server(monkeypatch) -> MailServer:
    return MailServer(monkeypatch)


@pytest.fixture
def registration_manager(django_user_model):
    user = django_user_model.objects.create_user(
        "manager", "manager@example.org", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Registration managers"))
    return user
