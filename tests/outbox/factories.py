import factory

from outbox.models import Email
from tests.factories import ConferenceFactory


class EmailFactory(factory.django.DjangoModelFactory):
    """An e-mail of registration about nothing in particular, in a given state."""

    class Meta:
        model = Email

    app = "registration"
    kind = "confirmation"
    conference = factory.SubFactory(ConferenceFactory)
    recipient = factory.Sequence(lambda n: f"person{n}@example.org")
    state = Email.State.QUEUED
