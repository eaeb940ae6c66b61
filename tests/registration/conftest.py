"""Fixtures of the registration tests: a queue worker, a clean rate-limit cache."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches


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
def registration_manager(django_user_model):
    user = django_user_model.objects.create_user(
        "manager", "manager@example.org", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Registration managers"))
    return user
