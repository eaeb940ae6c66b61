"""Requests of the people whose data this is, on both invitations and registrations."""

import json

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from registration.services.privacy import erase_person, personal_data_of


def _emails(queryset: QuerySet) -> list[str]:
    return sorted({email.lower() for email in queryset.values_list("email", flat=True)})


def _json_download(data: object, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class PersonalDataActions:
    """Requests of the people whose data this is: export it, or erase it."""

    @admin.action(description=_("Export personal data (JSON)"))
    def export_personal_data(
        self, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse:
        data = [personal_data_of(email) for email in _emails(queryset)]
        return _json_download(data, "personal-data.json")

    @admin.action(
        description=_("Erase everything held about these people"),
        permissions=["delete"],
    )
    def erase_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = sum(erase_person(email) for email in _emails(queryset))
        self.message_user(request, _("%(count)d records erased.") % {"count": count})
