"""Who has confirmed: the people of a session or conference, grouped by answer."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from events.models import Conference, Session
from organisers.models import SpeakerConfirmation
from speakers.models import Participation

NOT_ASKED = "not_asked"
ORDER = [
    SpeakerConfirmation.Status.CONFIRMED,
    SpeakerConfirmation.Status.DECLINED,
    SpeakerConfirmation.Status.PENDING,
    NOT_ASKED,
]


@dataclass
class StatusGroup:
    status: str
    label: str
    people: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.people)


def _summary(participations: QuerySet, with_session: bool) -> list[StatusGroup]:
    labels = dict(SpeakerConfirmation.Status.choices)
    labels[NOT_ASKED] = _("No link sent yet")
    groups = {status: StatusGroup(status, labels[status]) for status in ORDER}
    rows = participations.select_related("person", "session", "confirmation").order_by(
        "session__start", "session_id", "order", "id"
    )
    for participation in rows:
        confirmation = getattr(participation, "confirmation", None)
        status = confirmation.status if confirmation else NOT_ASKED
        name = f"{participation.person.full_name} ({participation.get_role_display()})"
        if with_session:
            name = f"{name} – {participation.session.title}"
        groups[status].people.append(name)
    return list(groups.values())


def session_confirmations(session: Session) -> list[StatusGroup]:
    """Counts and names per answer for one session's people."""
    return _summary(Participation.objects.filter(session=session), False)


def conference_confirmations(conference: Conference) -> list[StatusGroup]:
    """Counts and names per answer for every session of the conference."""
    return _summary(Participation.objects.filter(session__conference=conference), True)
