"""Factories for the registration models."""

import datetime as dt

import factory
from django.utils import timezone

from events.tokens import hash_token
from registration.models import (
    Invitation,
    OnlineParticipant,
    Registration,
    RegistrationSettings,
    SideEventWait,
)
from tests.factories import ConferenceFactory, SessionFactory


class RegistrationSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationSettings
        django_get_or_create = ["conference"]

    conference = factory.SubFactory(ConferenceFactory)


_TOKENS: dict[str, str] = {}


def _remember(token: str) -> str:
    _TOKENS[hash_token(token)] = token
    return hash_token(token)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation whose raw token is kept on the instance as .token for tests."""

    class Meta:
        model = Invitation
        exclude = ["token"]
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Anna Delegate{n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    organisation = "Ministry of Interior"
    delegation = "Austria"
    category = Invitation.Category.PARTICIPATING_STATE
    token = factory.Sequence(lambda n: f"test-token-{n:032d}")
    token_hash = factory.LazyAttribute(lambda invitation: _remember(invitation.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))

    @factory.post_generation
    def keep_token(self, create: bool, extracted: object, **kwargs: object) -> None:
        self.token = _TOKENS[self.token_hash]


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    invitation = factory.SubFactory(InvitationFactory)
    conference = factory.SelfAttribute("invitation.conference")
    given_name = factory.Sequence(lambda n: f"Anna{n}")
    family_name = factory.Sequence(lambda n: f"Delegate{n}")
    email = factory.SelfAttribute("invitation.email")
    organisation = "Ministry of Interior"
    consent_at = factory.LazyFunction(timezone.now)
    status = Registration.Status.CONFIRMED


class OnlineParticipantFactory(factory.django.DjangoModelFactory):
    """Somebody following a conference online, with no session chosen (all)."""

    class Meta:
        model = OnlineParticipant
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)
    name = "Online Follower"
    email = factory.Sequence(lambda n: f"online{n}@example.org")
    consent_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def sessions(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.sessions.set(extracted)


class SideEventWaitFactory(factory.django.DjangoModelFactory):
    """An entry on a side event's waiting list, for a registration of its conference."""

    class Meta:
        model = SideEventWait

    session = factory.SubFactory(SessionFactory)
    registration = factory.SubFactory(
        RegistrationFactory,
        invitation__conference=factory.SelfAttribute("...session.conference"),
    )
