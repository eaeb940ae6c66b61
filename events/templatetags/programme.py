"""Template helpers of the public site: language links, JSON-LD, language names."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language_info

from events.content_language import fallback_lang
from events.models import LanguageCode
from events.typography import after_semicolon, and_join, format_date

register = template.Library()

_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict]:
    """The current page in every interface language, for the language switcher."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(path, code),
            }
        )
    return links


@register.filter
def json_ld(value: str) -> SafeString:
    """Make a JSON string safe inside <script type="application/ld+json">."""
    return mark_safe(str(value).translate(_SCRIPT_ESCAPES))


@register.filter(name="after_semicolon")
def after_semicolon_filter(phrase: str) -> str:
    """The phrase as it goes on after a semicolon ("; устный перевод: …")."""
    return after_semicolon(phrase)


@register.filter
def language_names(codes: list[str]) -> str:
    """["en", "ru"] -> "English & Russian", in the interface language."""
    labels = dict(LanguageCode.choices)
    return and_join([str(labels.get(code, code)) for code in codes or []])


@register.filter
def lang_attr(obj: object, field: str) -> SafeString:
    """`` lang="en"`` on an element whose content field falls back to English."""
    language = fallback_lang(obj, field)  # type: ignore[arg-type]
    return mark_safe(f' lang="{language}"') if language else mark_safe("")


@register.filter
def weekday_date(value: object) -> str:
    """ "Monday 20 April 2026", "понедельник, 20 апреля 2026", inside a phrase."""
    return format_date(value, "weekday_date") if value else ""  # type: ignore[arg-type]


@register.filter
def long_date(value: object) -> str:
    """ "20 April 2026", "20 апреля 2026", "20. April 2026"."""
    return format_date(value, "date") if value else ""  # type: ignore[arg-type]


@register.filter
def long_datetime(value: object) -> str:
    """ "20 апреля 2026, 16:45", in the current time zone as ``date`` would."""
    if not value:
        return ""
    moment = template_localtime(value)
    return f"{format_date(moment, 'date')}, {moment:%H:%M}"  # type: ignore[arg-type]


@register.filter
def day_month_time(value: object) -> str:
    """ "20 апреля, 16:45"."""
    if not value:
        return ""
    moment = template_localtime(value)
    return f"{format_date(moment, 'day_month')}, {moment:%H:%M}"  # type: ignore[arg-type]


@register.filter
def day_month(value: object) -> str:
    """ "20 April", "20 апреля", "20. April"."""
    return format_date(value, "day_month") if value else ""  # type: ignore[arg-type]


@register.filter
def contains(collection: object, item: object) -> bool:
    try:
        return item in collection  # type: ignore[operator]
    except TypeError:
        return False


@register.inclusion_tag("events/includes/feed_links.html", takes_context=True)
def feed_links(context: template.Context, path: str, label: str = "") -> dict:
    """Subscribe (``webcal://``, which calendar apps open) and download links.

    ``label`` names the feed for screen readers, where several share a page.
    """
    request = context["request"]
    https = request.build_absolute_uri(path)
    return {
        "https_url": https,
        "webcal_url": "webcal://" + https.split("://", 1)[1],
        "label": label,
    }
