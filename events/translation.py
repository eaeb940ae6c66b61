"""The programme's content fields that exist in English and Russian.

django-modeltranslation adds one column per language (``title_en``, ``title_ru``)
beside each field, so reading a session in either language is the same query.
"""

from modeltranslation.translator import TranslationOptions, register

from events.models import (
    AgendaItem,
    Conference,
    Organisation,
    Room,
    Session,
    SessionSection,
    Venue,
)


@register(Conference)
class ConferenceTranslation(TranslationOptions):
    fields = ("title", "theme", "description", "participation_policy")


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "address", "city", "country")


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "short_name")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(SessionSection)
class SessionSectionTranslation(TranslationOptions):
    fields = ("title", "body")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "description")
