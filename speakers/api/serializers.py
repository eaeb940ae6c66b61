"""People and their participation in sessions, as the API shows and takes them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.api.common import ModelCleanMixin
from events.models import AgendaItem, Organisation, Session
from speakers.models import Participation, Person
from speakers.selectors import people_with_details
from speakers.services import double_bookings


class PersonOrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "slug"]


class PersonParticipationSerializer(serializers.ModelSerializer):
    """A person's part in one session, nested in the person."""

    conference = serializers.CharField(source="session.conference.slug", read_only=True)
    session_title = serializers.CharField(source="session.title", read_only=True)

    class Meta:
        model = Participation
        fields = [
            "id",
            "session",
            "session_title",
            "conference",
            "agenda_item",
            "role",
            "joins_online",
            "to_be_confirmed",
        ]


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    organisation = PersonOrganisationSerializer(read_only=True, allow_null=True)
    participations = PersonParticipationSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id",
            "slug",
            "honorific",
            "given_name",
            "family_name",
            "name",
            "full_name",
            "position",
            "organisation",
            "country",
            "bio",
            "participations",
            "updated_at",
            "url",
        ]

    def get_url(self, person: Person) -> str:
        return self.context["request"].build_absolute_uri(person.get_absolute_url())


class PersonWriteSerializer(serializers.ModelSerializer):
    """A person as staff send them: the organisation by id."""

    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Person
        fields = [
            "slug",
            "honorific",
            "given_name",
            "family_name",
            "position",
            "organisation",
            "country",
            "bio",
        ]

    def to_representation(self, person: Person) -> dict:
        fresh = people_with_details(Person.objects.filter(pk=person.pk)).get()
        return PersonSerializer(fresh, context=self.context).data


class ParticipationPersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    organisation = serializers.CharField(
        source="organisation.name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Person
        fields = ["id", "slug", "name", "full_name", "position", "organisation"]


class ParticipationSerializer(serializers.ModelSerializer):
    """A participation with its person nested."""

    person = ParticipationPersonSerializer(read_only=True)
    conference = serializers.CharField(source="session.conference.slug", read_only=True)

    class Meta:
        model = Participation
        fields = [
            "id",
            "session",
            "conference",
            "person",
            "agenda_item",
            "role",
            "order",
            "joins_online",
            "to_be_confirmed",
        ]


class DoubleBookingSerializer(serializers.Serializer):
    """Another session the same person is booked in at the same time."""

    session = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class ParticipationWrittenSerializer(ParticipationSerializer):
    """The answer to a write: the participation, and the person's other sessions at
    the same time (the admin's double-booking warning; a warning, not a refusal,
    since a recorded message may be in two places at once)."""

    double_bookings = serializers.SerializerMethodField()

    class Meta(ParticipationSerializer.Meta):
        fields = [*ParticipationSerializer.Meta.fields, "double_bookings"]

    @extend_schema_field(DoubleBookingSerializer(many=True))
    def get_double_bookings(self, participation: Participation) -> list[dict]:
        return DoubleBookingSerializer(double_bookings(participation), many=True).data


class ParticipationWriteSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """A participation as staff send it: person, session and agenda item by id."""

    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    agenda_item = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Participation
        fields = [
            "session",
            "person",
            "agenda_item",
            "role",
            "order",
            "joins_online",
            "to_be_confirmed",
        ]

    def to_representation(self, participation: Participation) -> dict:
        fresh = Participation.objects.select_related(
            "person__organisation", "session__conference"
        ).get(pk=participation.pk)
        return ParticipationWrittenSerializer(fresh, context=self.context).data
