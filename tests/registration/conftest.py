"""Fixtures of the registration tests: a queue worker, a clean rate-limit cache."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _clear_caches():
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.fixture(autouse=True)
def _registration_open(before_the_conference):
    """Registration tests run while registration is open, unless they move on."""
    return before_the_conference


@pytest.fixture
def run_worker(monkeypatch):
    """Run every queued job once, as `manage.py db_worker --batch` does."""
    # The worker drops "old" connections between jobs; inside a test transaction
    # that would abort the test, so it is switched off here.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )

    def run() -> None:
        call_command(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0",
            verbosity=0,
        )

    return run


@pytest.fixture
def registration_manager(django_user_model):
    user = django_user_model.objects.create_user(
        "manager", "manager@example.org", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Registration managers"))
    return user
