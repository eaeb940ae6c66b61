"""Serializers of the parts of a session that the API serves as resources of their own.

Agenda items, organisers and concept-note sections: each names its session by id
and shows the session's conference by slug.
"""

from rest_framework import serializers

from events.api.common import ModelCleanMixin
from events.api.serializers import MOMENT_RULES
from events.models import (
    AgendaItem,
    Organisation,
    Session,
    SessionOrganiser,
    SessionSection,
)


# A part of a session, named by the session's id and its conference's slug. No
# docstring: the schema keeps describing each part by its own serializer.
class SessionPartSerializer(ModelCleanMixin, serializers.ModelSerializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    conference = serializers.SlugRelatedField(
        source="session.conference", slug_field="slug", read_only=True
    )


class AgendaItemResourceSerializer(SessionPartSerializer):
    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "session",
            "conference",
            "order",
            "start",
            "end",
            "title",
            "description",
        ]
        extra_kwargs = MOMENT_RULES


class SessionOrganiserResourceSerializer(SessionPartSerializer):
    """An organisation organising a session, both named by id.

    An organisation organises a session once: a second time is refused, naming
    ``organisation`` (by the model's ``clean()``, not a unique-together validator).
    """

    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all()
    )

    class Meta:
        model = SessionOrganiser
        fields = ["id", "session", "conference", "organisation", "role", "order"]
        validators: list = []


class SessionSectionResourceSerializer(SessionPartSerializer):
    """A titled part of a session's concept note (Background, Purpose, ...)."""

    class Meta:
        model = SessionSection
        fields = ["id", "session", "conference", "order", "title", "body"]
