"""The admin's merge of duplicate organisations: confirm, then the service."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError, QuerySet, RestrictedError
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Organisation
from events.selectors import organisation_references
from events.services import merge_organisations


def has_merge_permission(model_admin: admin.ModelAdmin, request: HttpRequest) -> bool:
    """Merging changes the kept organisation and deletes the others: both needed."""
    return model_admin.has_change_permission(
        request
    ) and model_admin.has_delete_permission(request)


@admin.action(
    description=gettext_lazy("Merge the selected organisations into one"),
    permissions=["merge"],
)
def merge_selected(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Organisation],
) -> TemplateResponse | None:
    """Ask which organisation to keep, listing what moves; merge once confirmed."""
    organisations = list(queryset.order_by("name", "pk"))
    if len(organisations) < 2:
        model_admin.message_user(
            request,
            _("Choose at least two organisations to merge."),
            messages.ERROR,
        )
        return None
    by_pk = {str(organisation.pk): organisation for organisation in organisations}
    keep = by_pk.get(request.POST.get("keep", ""))
    if request.POST.get("confirm") and keep is not None:
        moved = 0
        try:
            for duplicate in organisations:
                if duplicate.pk != keep.pk:
                    moved += sum(merge_organisations(keep, duplicate).values())
        except (ValidationError, ProtectedError, RestrictedError) as error:
            model_admin.message_user(request, str(error), messages.ERROR)
            return None
        model_admin.message_user(
            request,
            _(
                "%(count)d organisations merged into %(kept)s; %(moved)d references "
                "moved."
            )
            % {"count": len(organisations) - 1, "kept": keep, "moved": moved},
            messages.SUCCESS,
        )
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Merge organisations"),
        "rows": [
            (organisation, organisation_references(organisation))
            for organisation in organisations
        ],
        "keep": keep,
        "missing_keep": bool(request.POST.get("confirm")),
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/events/organisation/merge.html", context)
