"""Online sign-up: once per address, with consent, and an e-mail queued."""

import pytest
from django_tasks_db.models import DBTaskResult

from registration.models import OnlineSignup
from registration.services import RegistrationError
from registration.services.online import sign_up_online
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _sign_up(session, **overrides) -> OnlineSignup:
    values = {
        "name": "Online Follower",
        "email": "Follower@Example.org",
        "organisation": "NGO",
        "language": "ru",
        "consent": True,
    }
    return sign_up_online(session=session, **{**values, **overrides})


def test_signing_up_twice_keeps_one_record_with_the_latest_details():
    session = SessionFactory(online_link_on_registration=True)

    first = _sign_up(session)
    second = _sign_up(session, email="follower@example.org", name="New Name")

    assert first.pk == second.pk
    assert list(OnlineSignup.objects.values_list("email", "name", "language")) == [
        ("follower@example.org", "New Name", "ru")
    ]
    assert DBTaskResult.objects.count() == 2


def test_signing_up_needs_consent():
    with pytest.raises(RegistrationError) as error:
        _sign_up(SessionFactory(), consent=False)

    assert error.value.field == "consent"
    assert OnlineSignup.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
