"""Decisions: an accepted proposal becomes a draft session, placed, with its parts."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from events.models import Session
from proposals.models import Decision, Proposal
from proposals.placement import decide
from proposals.services import save_proposal
from speakers.models import Person
from tests import factories
from tests.proposals.conftest import VIENNA, content

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(call):
    proposal, _ = save_proposal(
        call=call,
        content=content(preferred_slots=[call.slots.first().pk]),
        submit=True,
        language="ru",
    )
    return proposal


def test_accepting_makes_a_draft_session_with_everything_in_place(
    call, rooms, submitted, editor, run_worker
):
    la_strada = factories.OrganisationFactory(
        name="La Strada International", short_name="LSI", slug="la-strada"
    )
    heuni = factories.OrganisationFactory(
        name="European Institute for Crime Prevention and Control",
        short_name="HEUNI_X",
        other_names=["HEUNI"],
        slug="heuni",
    )
    hoff = factories.PersonFactory(
        given_name="Suzanne", family_name="Hoff", organisation=la_strada
    )
    slot = call.slots.first()

    decide(proposal=submitted, outcome="accepted", by=editor, slot=slot, room=rooms[1])

    submitted.refresh_from_db()
    session = submitted.session
    assert submitted.status == Proposal.Status.ACCEPTED
    assert (
        session.kind,
        session.title,
        session.start,
        session.end,
        session.room,
        session.is_published,
        session.attendance_mode,
        session.interpretation_languages,
    ) == (
        Session.Kind.SIDE_EVENT,
        "Forced criminality: survivors speak",
        slot.start,
        slot.end,
        rooms[1],
        False,
        "hybrid",
        ["en", "ru"],
    )
    organisers = list(session.organisers.select_related("organisation"))
    assert [(o.organisation.name, o.role, o.order) for o in organisers] == [
        ("La Strada International", "organiser", 0),
        ("GAATW", "co_organiser", 1),
        ("European Institute for Crime Prevention and Control", "co_organiser", 2),
        ("Terre des hommes", "co_organiser", 3),
    ]
    assert organisers[2].organisation == heuni
    assert [(s.title, s.body) for s in session.sections.all()] == [
        (s["title"], s["body"]) for s in content()["sections"]
    ]
    assert [(a.title, a.start, a.end) for a in session.agenda_items.all()] == [
        (
            "Opening",
            dt.datetime(2026, 4, 20, 16, 45, tzinfo=VIENNA),
            dt.datetime(2026, 4, 20, 16, 55, tzinfo=VIENNA),
        ),
        ("Panel", None, None),
    ]
    participations = list(session.participations.select_related("person"))
    assert participations[0].person == hoff
    assert [
        (p.person.family_name, p.role, p.joins_online, p.to_be_confirmed)
        for p in participations
    ] == [("Hoff", "moderator", False, False), ("Berger", "speaker", True, True)]
    assert participations[1].person.organisation == heuni
    assert Person.objects.count() == 2

    run_worker()  # the link, the receipt, the acceptance
    assert len(mail.outbox) == 3
    assert "Neuer Saal" not in mail.outbox[-1].body
    assert "20.04.2026 16:45–17:45, Ratsaal" in mail.outbox[-1].body
    assert mail.outbox[-1].subject.startswith("Сайд-ивент принят")


def test_a_taken_room_is_refused_on_this_path_too(call, rooms, submitted, editor):
    slot = call.slots.first()
    factories.SessionFactory(
        conference=call.conference, room=rooms[0], start=slot.start, end=slot.end
    )
    with pytest.raises(ValidationError) as error:
        decide(
            proposal=submitted, outcome="accepted", by=editor, slot=slot, room=rooms[0]
        )
    assert "place" in error.value.message_dict
    submitted.refresh_from_db()
    assert (submitted.status, submitted.session) == (Proposal.Status.SUBMITTED, None)
    assert Session.objects.filter(title=submitted.title).count() == 0


def test_decline_sends_the_russian_template(call, submitted, editor, run_worker):
    decide(proposal=submitted, outcome="declined", by=editor, note="Слотов мало.")
    run_worker()
    assert [m.to for m in mail.outbox] == [["suzanne@example.org"]] * 3
    assert mail.outbox[-1].subject == (
        "Ваше предложение сайд-ивента: Forced criminality: survivors speak"
    )
    assert "Слотов мало." in mail.outbox[-1].body
    assert "К сожалению" in mail.outbox[-1].body
    assert Decision.objects.get().outcome == "declined"


@pytest.mark.postgres
def test_the_exclusion_constraint_holds_when_the_check_is_raced(
    call, rooms, submitted, editor, monkeypatch
):
    """A session written between the check and the save: the database refuses."""
    slot = call.slots.first()
    factories.SessionFactory(
        conference=call.conference, room=rooms[0], start=slot.start, end=slot.end
    )
    monkeypatch.setattr(Session, "full_clean", lambda self, *a, **k: None)
    with pytest.raises(ValidationError) as error:
        decide(
            proposal=submitted, outcome="accepted", by=editor, slot=slot, room=rooms[0]
        )
    assert error.value.message_dict == {"place": ["The room is taken at that time."]}
    submitted.refresh_from_db()
    assert (submitted.status, submitted.session) == (Proposal.Status.SUBMITTED, None)
