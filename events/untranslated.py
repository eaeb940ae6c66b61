"""What of a conference's content still lacks its Russian text.

One rule for the admin's list filter, the per-conference report and the
translator's export: a field lacks Russian when its English text is not empty
and its Russian column is empty.
"""

from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet
from modeltranslation.translator import NotRegistered, translator

from events.models import (
    AgendaItem,
    Conference,
    Organisation,
    Room,
    Session,
    SessionSection,
    Venue,
)

SOURCE_LANGUAGE = "en"
TARGET_LANGUAGE = "ru"


def translated_fields(model: type[Model]) -> tuple[str, ...]:
    """The content fields of a model that exist in each language."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(sorted(options.fields))


def lacks_target(field: str) -> Q:
    source, target = f"{field}_{SOURCE_LANGUAGE}", f"{field}_{TARGET_LANGUAGE}"
    return Q(**{f"{source}__gt": ""}) & (
        Q(**{f"{target}__isnull": True}) | Q(**{target: ""})
    )


def lacks_translation(model: type[Model]) -> Q:
    """Rows with at least one field written in English but not in Russian."""
    condition = Q(pk__in=[])
    for field in translated_fields(model):
        condition |= lacks_target(field)
    return condition


def conference_content(conference: Conference) -> list[QuerySet]:
    """Every translatable object a reader of the conference's programme sees.

    The people come from ``speakers``, which registers them on
    ``EXTRA_CONTENT``, because ``events`` never imports the apps above it.
    """
    sessions = Session.objects.filter(conference=conference)
    querysets = [
        Conference.objects.filter(pk=conference.pk),
        Venue.objects.filter(
            Q(conferences=conference) | Q(rooms__sessions__in=sessions)
        ).distinct(),
        Room.objects.filter(sessions__in=sessions).distinct(),
        Organisation.objects.filter(
            Q(conferences=conference) | Q(session_organisers__session__in=sessions)
        ).distinct(),
        sessions,
        SessionSection.objects.filter(session__in=sessions),
        AgendaItem.objects.filter(session__in=sessions),
    ]
    querysets += [extra(conference) for extra in EXTRA_CONTENT]
    return querysets


EXTRA_CONTENT: list = []


@dataclass(frozen=True)
class UntranslatedField:
    """One field of one object, with its English source text."""

    model: str  # "events.session"
    pk: int
    field: str
    source: str
    label: str  # the object as staff read it


def untranslated_fields(conference: Conference) -> list[UntranslatedField]:
    """Every field of the conference's content that lacks Russian, in a stable order."""
    rows = []
    for queryset in conference_content(conference):
        model = queryset.model
        label = model._meta.label_lower
        for obj in queryset.filter(lacks_translation(model)).order_by("pk"):
            for field in translated_fields(model):
                source = getattr(obj, f"{field}_{SOURCE_LANGUAGE}") or ""
                target = getattr(obj, f"{field}_{TARGET_LANGUAGE}") or ""
                if source and not target:
                    rows.append(
                        UntranslatedField(
                            label, obj.pk, field, source, str(source)[:80]
                        )
                    )
    return rows


def untranslated_counts(conference: Conference) -> list[tuple[type[Model], int, int]]:
    """Per model: how many objects lack Russian, of how many."""
    return [
        (
            queryset.model,
            queryset.filter(lacks_translation(queryset.model)).count(),
            queryset.count(),
        )
        for queryset in conference_content(conference)
    ]
