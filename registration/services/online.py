"""Following a conference online: one sign-up per conference, no invitation needed.

The sign-up e-mail carries the Zoom details of every chosen session whose link is
known then; when staff add or change a session's details later, its participants
get them in an e-mail of their own (``announce_online_details``). Every e-mail goes
through the durable queue, in the transaction of the change that causes it.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Conference, Session
from events.now import now
from registration.models import OnlineAnnouncement, OnlineParticipant
from registration.selectors import (
    online_sessions,
    online_signup_closes_at,
    participants_following,
)
from registration.services import RegistrationError
from registration.services.mail import queue_email


def online_signup_is_open(conference: Conference) -> bool:
    """Open until the conference's last session ends."""
    return now() < online_signup_closes_at(conference)


@transaction.atomic
def sign_up_online(
    *,
    conference: Conference,
    name: str,
    email: str,
    organisation: str,
    language: str,
    consent: bool,
    sessions: Iterable[Session] = (),
) -> OnlineParticipant:
    """Record the sign-up, or update the address's earlier one, and queue its e-mail.

    A repeated sign-up with the same address replaces the choice of sessions and
    sends the e-mail again, so somebody who lost it only has to sign up again.
    """
    if not consent:
        raise RegistrationError(
            _("Consent to the processing of personal data is required."),
            field="consent",
        )
    if not online_signup_is_open(conference):
        raise RegistrationError(_("The online sign-up for this conference is closed."))
    offered = {session.pk: session for session in online_sessions(conference)}
    chosen = list(sessions)
    if any(session.pk not in offered for session in chosen):
        raise RegistrationError(
            _("Choose only sessions of this conference streamed online."),
            field="sessions",
        )
    participant, _created = OnlineParticipant.objects.update_or_create(
        conference=conference,
        email=email.strip().lower(),
        defaults={
            "name": name,
            "organisation": organisation,
            "language": language,
            "consent_at": timezone.now(),
        },
    )
    participant.sessions.set(chosen)
    # Details known before anyone was told (set before the first sign-up) count
    # as announced once this e-mail sends them: a later save that changes nothing
    # must not send them again.
    announced = set(
        OnlineAnnouncement.objects.filter(session__in=offered).values_list(
            "session_id", flat=True
        )
    )
    for pk, session in offered.items():
        if session.online_details_known and pk not in announced:
            _record_announcement(session)
    queue_email("online_welcome", participant.pk)
    return participant


def announce_online_details(session: Session) -> int:
    """Queue the session's Zoom details to its online participants, once per change.

    Called on every save of a session (``registration.receivers``): it sends only
    when the session is in the conference's online sign-up, has not ended, and its
    join link, meeting ID or passcode differ from what was last sent. Returns how
    many e-mails were queued.
    """
    if not (session.followed_by_online_signup and session.online_details_known):
        return 0
    if not session.is_published or session.end <= now():
        return 0
    sent = OnlineAnnouncement.objects.filter(session=session).first()
    if sent is not None and _details(sent) == _details_of(session):
        return 0
    _record_announcement(session)
    count = 0
    for participant_pk in participants_following(session).values_list("pk", flat=True):
        queue_email("online_session", participant_pk, session=session.pk)
        count += 1
    return count


def _details(sent: OnlineAnnouncement) -> tuple[str, str, str]:
    return (sent.join_url, sent.meeting_id, sent.passcode)


def _details_of(session: Session) -> tuple[str, str, str]:
    return (session.online_join_url, session.online_meeting_id, session.online_passcode)


def _record_announcement(session: Session) -> None:
    join_url, meeting_id, passcode = _details_of(session)
    OnlineAnnouncement.objects.update_or_create(
        session=session,
        defaults={
            "join_url": join_url,
            "meeting_id": meeting_id,
            "passcode": passcode,
            "announced_at": timezone.now(),
        },
    )
