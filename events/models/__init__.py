"""The programme of a conference: venues, rooms, organisations, sessions.

The models live in one module per part of the programme; this package names them
all, so ``events.models.Session`` and the model labels stay as they were.
"""

from events.languages import LanguageCode
from events.models.conferences import Conference, ConferenceQuerySet
from events.models.deletions import Deletion
from events.models.documents import Document
from events.models.organisations import Organisation
from events.models.places import Room, Venue
from events.models.releases import ProgrammeRelease
from events.models.selections import Selection, hash_selection_key
from events.models.sessions import (
    AgendaItem,
    Session,
    SessionOrganiser,
    SessionQuerySet,
    SessionSection,
)
from events.validators import validate_language_list, validate_time_zone

__all__ = [
    "AgendaItem",
    "Conference",
    "ConferenceQuerySet",
    "Deletion",
    "Document",
    "LanguageCode",
    "Organisation",
    "ProgrammeRelease",
    "Room",
    "Selection",
    "Session",
    "SessionOrganiser",
    "SessionQuerySet",
    "SessionSection",
    "Venue",
    "hash_selection_key",
    "validate_language_list",
    "validate_time_zone",
]
