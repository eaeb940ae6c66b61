"""Which language a content field is shown in, for ``lang`` attributes.

A field without Russian text shows its English one (django-modeltranslation's
fallback); the page marks it ``lang="en"`` so that screen readers switch voice.
"""

from django.conf import settings
from django.db.models import Expression, F, Model, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

SOURCE_LANGUAGE = "en"


def shown_language(obj: Model | None, field: str) -> str:
    """The language the field's text is in as the current reader sees it."""
    language = (get_language() or SOURCE_LANGUAGE).split("-")[0]
    if obj is None or language == SOURCE_LANGUAGE:
        return language
    if getattr(obj, f"{field}_{language}", None):
        return language
    return SOURCE_LANGUAGE


def fallback_lang(obj: Model | None, field: str) -> str:
    """``"en"`` when the reader's language lacks the text and English is shown."""
    language = (get_language() or SOURCE_LANGUAGE).split("-")[0]
    shown = shown_language(obj, field)
    return shown if shown != language else ""


# The query parameter of the API and the feeds that names the reader's language;
# lists of accepted parameters include it.
LANGUAGE_PARAMETER = "lang"


def shown_text(field: str) -> Expression:
    """The field as the reader sees it, for ``order_by``: Russian, else English.

    django-modeltranslation orders by the reader's column alone, which would put
    every object without Russian text first (or last) in the Russian lists.
    """
    language = (get_language() or SOURCE_LANGUAGE).split("-")[0]
    source = F(f"{field}_{SOURCE_LANGUAGE}")
    if (
        language == SOURCE_LANGUAGE
        or language not in settings.MODELTRANSLATION_LANGUAGES
    ):
        return source
    return Coalesce(NullIf(F(f"{field}_{language}"), Value("")), source)
