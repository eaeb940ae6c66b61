"""Dates and phrases written as each language writes them.

Russian puts the month in the genitive ("20 апреля 2026"), writes weekdays in
lower case inside a phrase ("День 1 – понедельник, 20 апреля 2026"), uses "и"
rather than "&", and goes on in lower case after a semicolon; German writes
"Montag, 20. April 2026". Django's date formats know the words, not these rules.
"""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext

# (weekday and date, date, short weekday and day, day and month) per language.
FORMATS = {
    "en": {
        "weekday_date": "l j F Y",
        "date": "j F Y",
        "short": "D j M",
        "day_month": "j F",
    },
    "ru": {
        "weekday_date": "l, j E Y",
        "date": "j E Y",
        "short": "D, j E",
        "day_month": "j E",
    },
    "de": {
        "weekday_date": "l, j. F Y",
        "date": "j. F Y",
        "short": "D, j. M",
        "day_month": "j. F",
    },
}
# Languages whose weekdays are not capitalised inside a phrase.
LOWER_CASE_WEEKDAYS = frozenset({"ru"})
# Languages that go on in lower case after a semicolon (German nouns keep theirs).
LOWER_CASE_AFTER_SEMICOLON = frozenset({"ru"})


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def format_date(value: date, style: str = "date") -> str:
    """A date in the reader's language, inside a phrase (weekday in lower case)."""
    language = _language()
    formats = FORMATS.get(language, FORMATS["en"])
    text = date_format(value, formats[style])
    if language in LOWER_CASE_WEEKDAYS and style in ("weekday_date", "short"):
        text = text[:1].lower() + text[1:]
    return text


def and_join(items: list[str]) -> str:
    """ "English & Russian", "английский и русский", "Englisch und Russisch"."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    conjunction = pgettext("joining the last two of a list", "&")
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def after_semicolon(phrase: str) -> str:
    """A phrase that goes on a sentence after a semicolon: lower case in Russian."""
    phrase = str(phrase)
    if _language() in LOWER_CASE_AFTER_SEMICOLON:
        return phrase[:1].lower() + phrase[1:]
    return phrase


def semicolon_join(first: str, second: str) -> str:
    """Two phrases of one sentence, the second in lower case where the language asks."""
    return f"{first}; {after_semicolon(second)}"
