"""The admin's page of what a conference still lacks in Russian.

Counts per kind of content with links to the filtered lists, the export of the
untranslated fields for a translator, and the import of the translated file.
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Conference
from events.translator_files import (
    XLIFF_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    TranslatorFileError,
    export_xliff,
    export_xlsx,
    import_translations,
    read_translator_file,
)
from events.untranslated import untranslated_counts

MAX_FILE_BYTES = 10 * 1024 * 1024


class TranslatorFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Translated file (XLSX or XLIFF 2.0)"),
        help_text=gettext_lazy(
            "The file exported here, with the Russian column filled."
        ),
    )


def _list_url(model: type, conference: Conference) -> str:
    opts = model._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    except NoReverseMatch:
        return ""
    query = "russian=missing"
    if opts.model_name == "session":
        query += f"&conference__id__exact={conference.pk}"
    return f"{url}?{query}"


def translations_view(
    model_admin: admin.ModelAdmin, request: HttpRequest, object_id: str
) -> HttpResponse:
    conference = get_object_or_404(Conference, pk=object_id)
    if not model_admin.has_view_permission(request, conference):
        raise PermissionError
    errors: list[tuple[int, str]] = []
    form = TranslatorFileForm()
    if request.method == "POST":
        if not model_admin.has_change_permission(request, conference):
            raise PermissionError
        form = TranslatorFileForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_FILE_BYTES:
                form.add_error("file", _("The file is larger than 10 MB."))
            else:
                try:
                    rows = read_translator_file(upload.name, upload.read())
                except TranslatorFileError as error:
                    form.add_error("file", str(error))
                else:
                    errors = import_translations(
                        conference, rows, user=request.user, filename=upload.name
                    )
                    if not errors:
                        messages.success(
                            request,
                            _("%(count)d translations imported.")
                            % {"count": len(rows)},
                        )
                        return redirect(request.path)
    rows = [
        {
            "name": model._meta.verbose_name_plural,
            "missing": missing,
            "total": total,
            "url": _list_url(model, conference),
        }
        for model, missing, total in untranslated_counts(conference)
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": conference,
        "title": _("Russian text of %(conference)s") % {"conference": conference},
        "rows": rows,
        "form": form,
        "errors": errors,
    }
    return TemplateResponse(
        request, "admin/events/conference/translations.html", context
    )


def export_view(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    object_id: str,
    file_format: str,
) -> HttpResponse:
    conference = get_object_or_404(Conference, pk=object_id)
    if not model_admin.has_view_permission(request, conference):
        raise PermissionError
    if file_format == "xlsx":
        content, content_type = export_xlsx(conference), XLSX_CONTENT_TYPE
    else:
        content, content_type = export_xliff(conference), XLIFF_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    extension = "xlsx" if file_format == "xlsx" else "xlf"
    response["Content-Disposition"] = (
        f'attachment; filename="{conference.slug}-ru.{extension}"'
    )
    return response
