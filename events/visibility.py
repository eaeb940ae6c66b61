"""Who may see drafts: one rule for pages, feeds, schedule files and the API.

A draft (an unpublished session, or any session of an unpublished conference) is
shown only to active staff who may view sessions in the admin (superusers may).
Every reader builds its querysets from the functions here, so that the site, the
feeds and the API never disagree about what a visitor may see.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model, QuerySet

from events.models import Conference, Session

DRAFTS_PERMISSION = "events.view_session"


def sees_drafts(user: User | AnonymousUser) -> bool:
    """Whether the user previews unpublished conferences and sessions."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(DRAFTS_PERMISSION)
    )


def visibility_tier(user: User | AnonymousUser) -> str:
    """Name what a user's answers are made of, for ETags: never shared across tiers.

    A signed-in visitor's pages carry their own CSRF token and name, so each one
    is a tier of their own, apart from anonymous visitors and from each other.
    """
    if not user.is_authenticated:
        return "anonymous"
    return f"user-{user.pk}-{'drafts' if sees_drafts(user) else 'published'}"


def conferences_visible_to(user: User | AnonymousUser) -> QuerySet[Conference]:
    conferences = Conference.objects.select_related("venue", "organiser")
    return conferences if sees_drafts(user) else conferences.published()


def sessions_visible_to(user: User | AnonymousUser) -> QuerySet[Session]:
    sessions = Session.objects.all()
    return sessions if sees_drafts(user) else sessions.published()


def session_parts_visible_to[T: Model](
    user: User | AnonymousUser, parts: QuerySet[T]
) -> QuerySet[T]:
    """Parts of sessions (agenda, organisers, sections, people's roles) show as
    their session does."""
    if sees_drafts(user):
        return parts
    return parts.filter(session__in=Session.objects.published())
