"""Reads of the programme, with the joins each reader needs in one place."""

from datetime import date, timedelta

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet

from events.content_language import shown_text
from events.models import (
    AgendaItem,
    Conference,
    Document,
    Organisation,
    Room,
    Session,
    SessionOrganiser,
)
from events.models.sessions import FOLLOWED_BY_ONLINE_SIGNUP


def with_programme_details(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Attach rooms, organisers, concept note, agenda and people in fixed queries.

    The participations relation belongs to the speakers app and is named here only as
    a string, so that events does not import speakers.
    """
    return sessions.select_related(
        "conference", "room", "room__venue"
    ).prefetch_related(
        "sections",
        Prefetch(
            "organisers",
            queryset=SessionOrganiser.objects.select_related("organisation"),
        ),
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "id")),
        Prefetch(
            "participations",
            queryset=_participations_queryset(sessions),
        ),
        Prefetch("documents", queryset=session_documents()),
    )


def with_feed_details(
    sessions: QuerySet[Session],
    *,
    documents: bool = True,
    sections: bool = True,
    agenda_items: bool = True,
    person_organisations: bool = True,
    joined_people: bool = False,
) -> QuerySet[Session]:
    """The joins of ``with_programme_details``, kept as plain lists on each session.

    A whole-conference feed reads a thousand sessions: a prefetch kept behind
    ``session.<relation>.all()`` clones its queryset once per session, which cost
    more than the rows themselves. Read them with ``prefetched(session, name)``.
    A feed leaves out what it does not print (the calendar has no sections or
    agenda, the schedule files no agenda and no speaker's organisation): every row
    not read is a model instance not built, most of such a feed's time and memory.
    ``joined_people`` reads the people with their participations in one query (a
    page of the API), rather than each person once in queries of their own (a
    whole-conference feed, where people speak at many sessions).
    """
    lookups = []
    if documents:
        lookups.append(
            Prefetch(
                "documents",
                queryset=session_documents(),
                to_attr="prefetched_documents",
            )
        )
    if sections:
        lookups.append(Prefetch("sections", to_attr="prefetched_sections"))
    lookups.append(
        Prefetch(
            "organisers",
            queryset=SessionOrganiser.objects.select_related("organisation"),
            to_attr="prefetched_organisers",
        )
    )
    if agenda_items:
        lookups.append(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("order", "id"),
                to_attr="prefetched_agenda_items",
            )
        )
    participation_model = sessions.model._meta.get_field("participations").related_model
    if joined_people:
        lookups.append(
            Prefetch(
                "participations",
                queryset=_participations_queryset(sessions),
                to_attr="prefetched_participations",
            )
        )
    else:
        # Each person (and each organisation) is one instance, however many
        # sessions they speak at: a join would build one per participation.
        person_model = participation_model._meta.get_field("person").related_model
        lookups += [
            Prefetch(
                "participations",
                queryset=participation_model.objects.order_by("order", "id"),
                to_attr="prefetched_participations",
            ),
            Prefetch(
                "prefetched_participations__person",
                queryset=person_model.objects.defer("bio"),
            ),
        ]
        if person_organisations:
            lookups.append("prefetched_participations__person__organisation")
    return sessions.select_related("room", "room__venue").prefetch_related(*lookups)


def with_api_details(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """What the API's representation of a session reads, as plain lists.

    The queries of ``with_programme_details``, without a queryset per session
    and relation (events.api.session_representation reads them).
    """
    return with_feed_details(sessions, joined_people=True).select_related("conference")


def prefetched(session: Session, relation: str) -> list:
    """A relation's rows from ``with_feed_details``, else through its manager."""
    rows = session.__dict__.get(f"prefetched_{relation}")
    return list(getattr(session, relation).all()) if rows is None else rows


def _participations_queryset(sessions: QuerySet[Session]) -> QuerySet:
    participations = sessions.model._meta.get_field("participations").related_model
    return participations.objects.select_related(
        "person", "person__organisation"
    ).order_by("order", "id")


def conference_days(conference: Conference) -> list[date]:
    """Every date of the conference, first to last, as the day filter offers them."""
    span = (conference.end_date - conference.start_date).days
    return [conference.start_date + timedelta(days=i) for i in range(span + 1)]


def programme_entry_sessions(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Sessions with what ``programme_entries`` reads: room and organisers.

    The organisers are kept as a list (no queryset per session) and the long
    description, which an entry does not show, is not read.
    """
    return (
        sessions.select_related("room")
        .defer("description")
        .prefetch_related(
            Prefetch(
                "organisers",
                queryset=SessionOrganiser.objects.select_related("organisation"),
                to_attr="prefetched_organisers",
            )
        )
    )


def programme_sessions(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Sessions with what a programme entry shows: room and organisers."""
    return sessions.select_related(
        "conference", "room", "room__venue"
    ).prefetch_related(
        Prefetch(
            "organisers",
            queryset=SessionOrganiser.objects.select_related("organisation"),
        )
    )


SEARCHED_FIELDS = (
    "title",
    "description",
    "organisers__organisation__name",
    "organisers__organisation__short_name",
    "participations__person__family_name",
    "participations__person__given_name",
)


def search_sessions(sessions: QuerySet[Session], text: str) -> QuerySet[Session]:
    """Match free text in titles, descriptions, organisers and people's names."""
    for word in text.split():
        # English or Russian, whichever the reader types in.
        condition = Q()
        for language in settings.MODELTRANSLATION_LANGUAGES:
            for lookup in SEARCHED_FIELDS:
                condition |= Q(**{f"{lookup}_{language}__icontains": word})
        matches = Session.objects.filter(condition).values("pk")
        sessions = sessions.filter(pk__in=matches)
    return sessions


def rooms_of(conference: Conference, sessions: QuerySet[Session]) -> QuerySet[Room]:
    return (
        Room.objects.filter(sessions__in=sessions.filter(conference=conference))
        .select_related("venue")
        .distinct()
        .order_by("order", shown_text("name"))
    )


def organisations_of(sessions: QuerySet[Session]) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(session_organisers__session__in=sessions)
        .distinct()
        .order_by(shown_text("name"))
    )


def archived_conferences(
    conferences: QuerySet[Conference],
) -> QuerySet[Conference]:
    """Every meeting but the newest one, which the home page presents."""
    newest = conferences.order_by("-start_date").values("pk")[:1]
    return (
        conferences.exclude(pk__in=newest)
        .order_by("-start_date")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=conference_documents(),
                to_attr="conference_documents",
            )
        )
    )


def conference_documents() -> QuerySet[Document]:
    """Documents of a whole conference (reports, the programme), not of a session."""
    return Document.objects.filter(session__isnull=True).select_related("conference")


def session_documents() -> QuerySet[Document]:
    return Document.objects.select_related("conference").order_by("order", "id")


def tombstoned_parts_of(obj: models.Model) -> dict[type[models.Model], set[int]]:
    """The ids of the tombstoned objects that point at ``obj``, by model.

    Read before a change that may remove some of them behind the services' back
    (a history revert deletes the parts added since), so that the missing ones
    can still leave tombstones.
    """
    parts: dict[type[models.Model], set[int]] = {}
    for relation in obj._meta.related_objects:
        model = relation.related_model
        if relation.many_to_many or not getattr(model, "tombstone_resource", None):
            continue
        parts[model] = set(
            model._default_manager.filter(**{relation.field.name: obj}).values_list(
                "pk", flat=True
            )
        )
    return parts


def feeds_of(conference: Conference, sessions: QuerySet[Session]) -> dict[str, list]:
    """What the conference's feeds index lists: days, rooms, organisers, people.

    Only what has a visible session (an empty feed helps nobody); people are
    reached through the ``participations`` relation by name, so events imports
    nothing from speakers. Four queries, whatever the size of the programme.
    """
    sessions = sessions.filter(conference=conference)
    starts = sessions.values_list("start", flat=True).order_by("start")
    days = sorted({conference.local(start).date() for start in starts})
    person_model = Session._meta.get_field("participations").related_model
    person_model = person_model._meta.get_field("person").related_model
    people = (
        person_model.objects.filter(participations__session__in=sessions)
        .distinct()
        .order_by("family_name", "given_name", "id")
    )
    return {
        "days": days,
        "rooms": list(rooms_of(conference, sessions)),
        "organisations": list(organisations_of(sessions)),
        "people": list(people),
    }


def organisation_names(organisation: Organisation) -> set[str]:
    """Every name an organisation goes by, in both languages and its other names."""
    names = [
        getattr(organisation, field, "")
        for field in ("name_en", "name_ru", "short_name_en", "short_name_ru")
    ]
    return {name for name in (*names, *(organisation.other_names or [])) if name}


def organisation_relations() -> list[models.ForeignKey]:
    """The foreign keys of every app that point to an organisation.

    Found from the model's relations, so this module moves the speakers' and the
    proposals' references without naming those apps.
    """
    return [
        relation.field
        for relation in Organisation._meta.related_objects
        if relation.one_to_many or relation.one_to_one
    ]


def organisation_name_users() -> list[type[models.Model]]:
    """Models that name organisations in text, and say so with two class methods.

    ``naming_organisation(names)`` lists the objects that use one of the names;
    ``rename_organisation(objects, names, new_name)`` rewrites them.
    """
    return [
        model for model in apps.get_models() if hasattr(model, "rename_organisation")
    ]


def organisation_references(organisation: Organisation) -> dict[str, int]:
    """How many objects refer to an organisation, by their model's plural name."""
    counts: dict[str, int] = {}
    for field in organisation_relations():
        model = field.model
        count = model._default_manager.filter(**{field.name: organisation}).count()
        if count:
            counts[str(model._meta.verbose_name_plural)] = count
    names = organisation_names(organisation)
    for model in organisation_name_users():
        count = len(model.naming_organisation(names))
        if count:
            counts[str(model._meta.verbose_name_plural)] = count
    return counts


def session_counts(sessions: QuerySet[Session]) -> dict[str, int]:
    """How many sessions, and how many the online sign-up gives, in one query."""
    return sessions.aggregate(
        session_count=Count("id"),
        online_signup_sessions=Count("id", filter=FOLLOWED_BY_ONLINE_SIGNUP),
    )
