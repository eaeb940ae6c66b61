"""Reads about people on the programme, with their joins in one place."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, QuerySet

from events.content_language import shown_text
from events.models import Conference, Session
from events.visibility import sessions_visible_to
from speakers.models import Participation, Person


def people_visible_to(
    user: User | AnonymousUser, *, conference: Conference | None = None
) -> QuerySet[Person]:
    """People with at least one session the user may see, by family name."""
    sessions = sessions_visible_to(user)
    if conference is not None:
        sessions = sessions.filter(conference=conference)
    people_ids = Participation.objects.filter(session__in=sessions).values("person_id")
    return (
        Person.objects.filter(pk__in=people_ids)
        .select_related("organisation")
        .order_by(shown_text("family_name"), shown_text("given_name"), "pk")
    )


def participations_of(
    person: Person, user: User | AnonymousUser
) -> QuerySet[Participation]:
    """The person's roles in sessions the user may see, in time order."""
    return (
        person.participations.filter(session__in=sessions_visible_to(user))
        .select_related("session", "session__conference", "session__room")
        .order_by(
            "-session__conference__start_date", "session__start", "session_id", "order"
        )
    )


@dataclass
class SessionRoles:
    """One session on a person's page with every role the person has in it."""

    session: Session
    roles: list[str]
    joins_online: bool


def sessions_with_roles(participations: list[Participation]) -> list[SessionRoles]:
    """Group the person's participations by session, keeping their order."""
    grouped: list[SessionRoles] = []
    for participation in participations:
        if grouped and grouped[-1].session.pk == participation.session_id:
            entry = grouped[-1]
        else:
            entry = SessionRoles(participation.session, [], False)
            grouped.append(entry)
        role = str(participation.get_role_display())
        if role not in entry.roles:
            entry.roles.append(role)
        entry.joins_online = entry.joins_online or participation.joins_online
    return grouped


def people_with_details(
    people: QuerySet[Person], participations: QuerySet[Participation] | None = None
) -> QuerySet[Person]:
    """Attach organisation and participations (with sessions) in fixed queries."""
    participations = (
        participations if participations is not None else (Participation.objects.all())
    )
    return people.select_related("organisation").prefetch_related(
        Prefetch(
            "participations",
            queryset=participations.select_related("session__conference").order_by(
                "session__start", "order", "id"
            ),
        )
    )


def conference_people(conference: Conference) -> QuerySet[Person]:
    """Everyone with a role in one of the conference's sessions, drafts included."""
    people_ids = Participation.objects.filter(session__conference=conference).values(
        "person_id"
    )
    return Person.objects.filter(pk__in=people_ids)
