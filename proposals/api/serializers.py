"""Staff representations of proposals, reviews and decisions (never public)."""

from rest_framework import serializers

from events.models import Room
from proposals.models import Decision, Proposal, Review, Slot


class ProposalSerializer(serializers.ModelSerializer):
    conference = serializers.SlugRelatedField(
        source="call.conference", slug_field="slug", read_only=True
    )

    class Meta:
        model = Proposal
        fields = [
            "id",
            "conference",
            "status",
            "language",
            "organisation",
            "co_organisers",
            "contact_name",
            "contact_email",
            "title",
            "sections",
            "agenda",
            "speakers",
            "attendance_mode",
            "interpretation",
            "preferred_slots",
            "expected_audience",
            "technical_needs",
            "accessibility_needs",
            "submitted_at",
            "session",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ReviewSerializer(serializers.ModelSerializer):
    reviewer = serializers.CharField(source="reviewer.get_username", read_only=True)
    total = serializers.IntegerField(read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "proposal",
            "reviewer",
            "scores",
            "total",
            "comment",
            "updated_at",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.CharField(
        source="decided_by.get_username", read_only=True, default=None
    )

    class Meta:
        model = Decision
        fields = ["id", "proposal", "outcome", "note", "decided_by", "created_at"]
        read_only_fields = ["id", "decided_by", "created_at"]


class DecisionWriteSerializer(serializers.Serializer):
    """A decision; accepting also names the slot and room of the session."""

    proposal = serializers.PrimaryKeyRelatedField(
        queryset=Proposal.objects.exclude(status=Proposal.Status.DRAFT)
    )
    outcome = serializers.ChoiceField(choices=Decision.Outcome.choices)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    slot = serializers.PrimaryKeyRelatedField(
        queryset=Slot.objects.all(), required=False, allow_null=True
    )
    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.all(), required=False, allow_null=True
    )
