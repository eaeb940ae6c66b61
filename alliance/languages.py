"""The reader's language for the API and the feeds, which have no language prefix.

``?lang=ru`` wins over ``Accept-Language`` (which ``LocaleMiddleware`` has read);
the answer names its language in ``Content-Language`` and varies on
``Accept-Language``. The page cache, first of the stack, keys its copies by the
language decided here and by ``LocaleMiddleware`` (``alliance.cache.request_language``
does the same), so the variants never share an entry.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from events.content_language import LANGUAGE_PARAMETER

LANGUAGE_FREE_PREFIXES = ("/api/", "/feeds/")


class RequestedLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(LANGUAGE_FREE_PREFIXES):
            return self.get_response(request)
        wanted = request.GET.get(LANGUAGE_PARAMETER)
        if wanted is not None:
            codes = [code for code, _name in settings.LANGUAGES]
            if wanted not in codes:
                message = _("Unknown language “%(value)s”; use one of: %(codes)s.") % {
                    "value": wanted[:20],
                    "codes": ", ".join(codes),
                }
                response = JsonResponse({LANGUAGE_PARAMETER: [message]}, status=400)
                patch_vary_headers(response, ["Accept-Language"])
                return response
            translation.activate(wanted)
            request.LANGUAGE_CODE = wanted
        language = translation.get_language() or settings.LANGUAGE_CODE
        response = self.get_response(request)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response


def document_language(result: dict, generator, request, public) -> dict:
    """drf-spectacular hook: every operation takes ``lang`` and Accept-Language."""
    parameters = [
        {
            "name": LANGUAGE_PARAMETER,
            "in": "query",
            "required": False,
            "description": "The language of the texts (titles, descriptions, names); "
            "overrides Accept-Language. A text without a translation is given in "
            "English. The answer names its language in Content-Language.",
            "schema": {"type": "string", "enum": [c for c, _n in settings.LANGUAGES]},
        },
        {
            "name": "Accept-Language",
            "in": "header",
            "required": False,
            "description": "The preferred language of the texts, e.g. `ru`.",
            "schema": {"type": "string"},
        },
    ]
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            names = {
                (p.get("name"), p.get("in")) for p in operation.get("parameters", [])
            }
            operation.setdefault("parameters", []).extend(
                p for p in parameters if (p["name"], p["in"]) not in names
            )
    return result
