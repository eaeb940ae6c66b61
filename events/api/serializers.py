"""Read representations of the programme.

Participants belong to the speakers app; they are read here through the
``participations`` relation by attribute name only, so events imports nothing
from speakers.
"""

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.api.common import ModelCleanMixin
from events.api.session_representation import session_representation
from events.models import (
    AgendaItem,
    Conference,
    Deletion,
    Document,
    LanguageCode,
    Organisation,
    Room,
    Session,
    SessionOrganiser,
    SessionSection,
    Venue,
)
from events.selectors import with_programme_details


def within_programme_years(moment: datetime | None) -> None:
    """Refuse moments no programme has: they are typing mistakes, and before 1900
    time zones had odd offsets (Vienna +01:05:21) that ISO 8601 cannot write."""
    if moment is not None and not 1900 <= moment.year <= 2100:
        raise serializers.ValidationError(_("Enter a moment between 1900 and 2100."))


class SlugLookupField(serializers.SlugRelatedField):
    """An object named by its slug; a slug with a NUL character names nothing.

    PostgreSQL refuses NUL in text, so such a lookup would fail in the database.
    """

    def to_internal_value(self, data: object) -> object:
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


MOMENT_RULES = {"start": {"validators": [within_programme_years]}}
MOMENT_RULES["end"] = MOMENT_RULES["start"]


def absolute(serializer: serializers.Serializer, path: str) -> str:
    return serializer.context["request"].build_absolute_uri(path)


class VenueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = ["id", "name", "slug", "address", "city", "country", "website"]


class RoomSerializer(serializers.ModelSerializer):
    venue = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Room
        fields = ["id", "name", "slug", "capacity", "venue"]


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "slug", "other_names", "website"]


class SessionOrganiserSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="organisation.id", read_only=True)
    name = serializers.CharField(source="organisation.name", read_only=True)
    short_name = serializers.CharField(source="organisation.short_name", read_only=True)
    slug = serializers.CharField(source="organisation.slug", read_only=True)

    class Meta:
        model = SessionOrganiser
        fields = ["id", "name", "short_name", "slug", "role", "order"]


class SessionSectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SessionSection
        fields = ["order", "title", "body"]


class ParticipantSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person_id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(source="person.slug", read_only=True)
    name = serializers.CharField(source="person.name", read_only=True)
    honorific = serializers.CharField(source="person.honorific", read_only=True)
    given_name = serializers.CharField(source="person.given_name", read_only=True)
    family_name = serializers.CharField(source="person.family_name", read_only=True)
    position = serializers.CharField(source="person.position", read_only=True)
    organisation = serializers.SerializerMethodField()
    role = serializers.CharField(read_only=True)
    agenda_item_id = serializers.IntegerField(read_only=True, allow_null=True)
    order = serializers.IntegerField(read_only=True)
    joins_online = serializers.BooleanField(read_only=True)
    to_be_confirmed = serializers.BooleanField(read_only=True)

    def get_organisation(self, participation: object) -> str | None:
        organisation = participation.person.organisation  # type: ignore[attr-defined]
        return organisation.name if organisation else None


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "order", "start", "end", "title", "description"]


class DocumentSerializer(serializers.ModelSerializer):
    """A document to download: concept note, flyer, presentation or report."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "title", "kind", "language", "content_type", "size", "url"]

    def get_url(self, document: Document) -> str:
        return absolute(self, document.get_absolute_url())


class OnlineAccessSerializer(serializers.Serializer):
    platform = serializers.CharField(source="online_platform", read_only=True)
    # A link given on registration is e-mailed to those who sign up: empty here.
    join_url = serializers.CharField(source="public_join_url", read_only=True)
    meeting_id = serializers.CharField(source="public_meeting_id", read_only=True)
    passcode = serializers.CharField(source="public_passcode", read_only=True)
    registration_url = serializers.CharField(
        source="online_registration_url", read_only=True
    )
    link_on_registration = serializers.BooleanField(
        source="online_link_on_registration", read_only=True
    )


class SessionSerializer(serializers.ModelSerializer):
    conference = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    room = RoomSerializer(read_only=True, allow_null=True)
    organisers = SessionOrganiserSerializer(many=True, read_only=True)
    sections = SessionSectionSerializer(many=True, read_only=True)
    online_access = OnlineAccessSerializer(source="*", read_only=True)
    participants = ParticipantSerializer(
        source="participations", many=True, read_only=True
    )
    agenda_items = AgendaItemSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()
    ical_url = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "conference",
            "slug",
            "kind",
            "title",
            "description",
            "start",
            "end",
            "room",
            "attendance_mode",
            "online_access",
            "interpretation_languages",
            "organisers",
            "sections",
            "participants",
            "agenda_items",
            "documents",
            "is_published",
            "updated_at",
            "url",
            "ical_url",
        ]

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_start(self, session: Session) -> str:
        return session.local_start.isoformat()

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_end(self, session: Session) -> str:
        return session.local_end.isoformat()

    def to_representation(self, session: Session) -> dict:
        """Written directly (events.api.session_representation): the same keys."""
        return session_representation(session, self.context)

    def get_url(self, session: Session) -> str:
        return self.context["request"].build_absolute_uri(session.get_absolute_url())

    def get_ical_url(self, session: Session) -> str:
        return absolute(
            self,
            reverse(
                "feeds:session_ical",
                kwargs={"conference": session.conference.slug, "session": session.slug},
            ),
        )


# What readers and staff writers of a conference share.
CONFERENCE_FIELDS = [
    "edition",
    "kind",
    "title",
    "theme",
    "slug",
    "description",
    "start_date",
    "end_date",
    "time_zone",
    "venue",
    "organiser",
    "hashtag",
    "website",
    "in_person_by_invitation",
    "online_for_everyone",
    "participation_policy",
]


class ConferenceSerializer(serializers.ModelSerializer):
    venue = VenueSerializer(read_only=True, allow_null=True)
    documents = serializers.SerializerMethodField()
    organiser = OrganisationSerializer(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()
    ical_url = serializers.SerializerMethodField()
    schedule_xml_url = serializers.SerializerMethodField()
    schedule_json_url = serializers.SerializerMethodField()

    class Meta:
        model = Conference
        fields = [
            "id",
            *CONFERENCE_FIELDS,
            "documents",
            "status",
            "updated_at",
            "url",
            "ical_url",
            "schedule_xml_url",
            "schedule_json_url",
        ]

    def get_url(self, conference: Conference) -> str:
        return self.context["request"].build_absolute_uri(conference.get_absolute_url())

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, conference: Conference) -> list:
        """Reports and programmes of the whole conference (not of a session)."""
        documents = getattr(conference, "conference_documents", None)
        if documents is None:
            documents = conference.documents.filter(session__isnull=True)
        return DocumentSerializer(documents, many=True, context=self.context).data

    def _feed(self, conference: Conference, name: str) -> str:
        return absolute(
            self, reverse(f"feeds:{name}", kwargs={"conference": conference.slug})
        )

    def get_ical_url(self, conference: Conference) -> str:
        return self._feed(conference, "conference_ical")

    def get_schedule_xml_url(self, conference: Conference) -> str:
        return self._feed(conference, "schedule_xml")

    def get_schedule_json_url(self, conference: Conference) -> str:
        return self._feed(conference, "schedule_json")


# --- Resources of their own, and what staff send to write them ----------------


class ConferenceWriteSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """A conference as staff send it: venue and organiser by slug."""

    venue = SlugLookupField(
        slug_field="slug", queryset=Venue.objects.all(), allow_null=True, required=False
    )
    organiser = SlugLookupField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
    )

    class Meta:
        model = Conference
        fields = [*CONFERENCE_FIELDS, "in_person_capacity", "status"]

    def to_representation(self, conference: Conference) -> dict:
        return ConferenceSerializer(conference, context=self.context).data


class SessionWriteSerializer(ModelCleanMixin, serializers.ModelSerializer):
    """A session as staff send it: conference by slug, room by id, flat online fields.

    The answer is the full read representation, as from GET.
    """

    conference = SlugLookupField(slug_field="slug", queryset=Conference.objects.all())
    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.all(), allow_null=True, required=False
    )
    interpretation_languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LanguageCode.choices),
        required=False,
        max_length=len(LanguageCode.choices),
    )

    class Meta:
        model = Session
        fields = [
            "conference",
            "kind",
            "title",
            "slug",
            "description",
            "start",
            "end",
            "room",
            "attendance_mode",
            "online_platform",
            "online_join_url",
            "online_meeting_id",
            "online_passcode",
            "online_registration_url",
            "online_link_on_registration",
            "interpretation_languages",
            "is_published",
        ]
        extra_kwargs = MOMENT_RULES

    def to_representation(self, session: Session) -> dict:
        fresh = with_programme_details(Session.objects.filter(pk=session.pk)).get()
        return SessionSerializer(fresh, context=self.context).data


class RoomResourceSerializer(serializers.ModelSerializer):
    venue = SlugLookupField(slug_field="slug", queryset=Venue.objects.all())

    class Meta:
        model = Room
        fields = [
            "id",
            "name",
            "slug",
            "capacity",
            "venue",
            "description",
            "order",
            "updated_at",
        ]


class OrganisationResourceSerializer(ModelCleanMixin, serializers.ModelSerializer):
    other_names = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, max_length=50
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "short_name",
            "slug",
            "other_names",
            "website",
            "updated_at",
        ]


class DeletionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="object_id", read_only=True)

    class Meta:
        model = Deletion
        fields = ["resource", "id", "deleted_at"]
