"""Reads of the programme, with the joins each reader needs in one place."""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, QuerySet

from events.models import AgendaItem, Conference, Session, SessionOrganiser


def can_preview(user: User | AnonymousUser) -> bool:
    """Staff see drafts; everybody else sees only what is published."""
    return bool(user.is_authenticated and user.is_staff)


def conferences_visible_to(user: User | AnonymousUser) -> QuerySet[Conference]:
    conferences = Conference.objects.select_related("venue", "organiser")
    return conferences if can_preview(user) else conferences.published()


def sessions_visible_to(user: User | AnonymousUser) -> QuerySet[Session]:
    sessions = Session.objects.all()
    return sessions if can_preview(user) else sessions.published()


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
    )


def _participations_queryset(sessions: QuerySet[Session]) -> QuerySet:
    participations = sessions.model._meta.get_field("participations").related_model
    return participations.objects.select_related(
        "person", "person__organisation"
    ).order_by("order", "id")
