"""A person's position in English and Russian, and an optional Cyrillic name.

The names stay as the documents write them; ``given_name_ru`` and
``family_name_ru`` are filled only for people the secretariat wants in Cyrillic.
"""

from modeltranslation.translator import TranslationOptions, register

from speakers.models import Person


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("given_name", "family_name", "position", "bio")
