"""The OpenAPI document's settings (drf-spectacular): what the API says of itself.

Kept apart from alliance/settings.py because it is the API's description (title,
servers, licence, tags, schema hooks) rather than a deployment knob.
"""

SPECTACULAR_SETTINGS = {
    "TITLE": "Alliance conference API",
    "DESCRIPTION": "Programme of the Alliance against Trafficking in Persons "
    "conferences: conferences, sessions, rooms, organisations and people.",
    "VERSION": "1.0.0",
    # The API answers on the same host as the document: a relative server.
    "SERVERS": [{"url": "/", "description": "This Alliance installation"}],
    "CONTACT": {
        "name": "OSCE Office of the Special Representative and Co-ordinator for "
        "Combating Trafficking in Human Beings",
        "url": "https://www.osce.org/cthb",
    },
    "LICENSE": {
        "name": "Programme data published by the OSCE; all rights reserved",
        "url": "https://www.osce.org/",
    },
    # Declared tags, one per resource (the first part of its path).
    "TAGS": [
        {"name": "conferences", "description": "Conferences, with their feeds."},
        {"name": "sessions", "description": "Sessions and side events, all nested."},
        {"name": "rooms", "description": "Rooms of the venues."},
        {"name": "organisations", "description": "Organisations and organisers."},
        {"name": "people", "description": "People on the programme."},
        {"name": "participations", "description": "Who takes part in which session."},
        {"name": "agenda-items", "description": "Items of a session's agenda."},
        {"name": "session-organisers", "description": "Who organises which session."},
        {"name": "session-sections", "description": "Sections of concept notes."},
        {"name": "deletions", "description": "What went away, for syncing clients."},
        {"name": "changes", "description": "Published programme versions, changes."},
        {
            "name": "selections",
            "description": "An attendee's starred sessions, for their own calendar "
            "feed (anonymous).",
        },
        {"name": "proposals", "description": "Side-event proposals (staff only)."},
        {"name": "reviews", "description": "Reviews of proposals (staff only)."},
        {"name": "decisions", "description": "Decisions on proposals (staff only)."},
    ],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "events.api.schema.null_as_a_type",
        "alliance.languages.document_language",
    ],
    # OpenAPI 3.1: a nullable reference is oneOf the reference and null, which
    # generated clients read as "this or None" (3.0's nullable beside allOf they
    # do not).
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc served from our own static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ConferenceStatusEnum": "events.models.Conference.Status",
        # Sessions' interpretation and documents' language: one set of languages.
        "LanguageCodeEnum": "events.languages.LanguageCode",
        "ConferenceKindEnum": "events.models.Conference.Kind",
        "SessionKindEnum": "events.models.Session.Kind",
        "OrganiserRoleEnum": "events.models.SessionOrganiser.Role",
        "ParticipationRoleEnum": "speakers.models.Participation.Role",
        "ProposalStatusEnum": "proposals.models.Proposal.Status",
        "DecisionOutcomeEnum": "proposals.models.Decision.Outcome",
    },
}
