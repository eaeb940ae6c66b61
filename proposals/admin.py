"""Calls, proposals, reviews and templates in the admin; writes go through services."""

from django.contrib import admin

from proposals.models import (
    Call,
    Conflict,
    Criterion,
    Decision,
    MessageTemplate,
    Proposal,
    ProposalVersion,
    Review,
    Slot,
)


class SlotInline(admin.TabularInline):
    model = Slot
    extra = 1


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1


class MessageTemplateInline(admin.StackedInline):
    model = MessageTemplate
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["conference", "opens_at", "closes_at"]
    list_select_related = ["conference"]
    filter_horizontal = ["rooms"]
    inlines = [SlotInline, CriterionInline, MessageTemplateInline]


class VersionInline(admin.TabularInline):
    model = ProposalVersion
    extra = 0
    can_delete = False
    readonly_fields = ["number", "submitted", "created_at", "data"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    can_delete = False
    readonly_fields = ["outcome", "decided_by", "note", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "submitted_at", "session"]
    list_filter = ["status", "call"]
    list_select_related = ["session"]
    search_fields = ["title", "organisation", "contact_name", "contact_email"]

    # What the proposer wrote changes only through the form, which keeps versions;
    # decisions are taken on the staff pages or through the API.
    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return [field.name for field in Proposal._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    inlines = [VersionInline, DecisionInline]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["proposal", "reviewer", "updated_at"]
    list_select_related = ["proposal", "reviewer"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm("proposals.change_proposal"):
            return queryset
        return queryset.filter(reviewer=request.user)


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    """Reviewers declare their own conflicts; staff see everybody's."""

    list_display = ["reviewer", "organisation"]
    list_select_related = ["reviewer", "organisation"]
    autocomplete_fields = ["organisation"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm("proposals.change_proposal"):
            return queryset
        return queryset.filter(reviewer=request.user)

    def get_exclude(self, request, obj=None):
        if request.user.has_perm("proposals.change_proposal"):
            return ()
        return ("reviewer",)

    def save_model(self, request, obj, form, change) -> None:
        if not request.user.has_perm("proposals.change_proposal"):
            obj.reviewer = request.user
        super().save_model(request, obj, form, change)


admin.site.register(Decision, list_display=["proposal", "outcome", "created_at"])
