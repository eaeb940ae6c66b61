"""Merging duplicate organisations: every reference moves, a tombstone is left."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import Conference, Deletion, Organisation, SessionOrganiser
from events.selectors import organisation_references
from events.services import merge_organisations
from proposals.models import Conflict, Proposal
from proposals.services import open_call
from speakers.models import Person
from tests import factories

pytestmark = pytest.mark.django_db

VIENNA = factories.VIENNA


@pytest.fixture
def pair():
    keep = factories.OrganisationFactory(
        name="La Strada International", short_name="LSI", other_names=["La Strada"]
    )
    duplicate = factories.OrganisationFactory(
        name="La Strada Intl.", short_name="LaStrada", other_names=["LS"]
    )
    return keep, duplicate


def _proposal(call, organisation, co_organisers):
    return Proposal.objects.create(
        call=call,
        token_hash=f"hash-{organisation}-{len(co_organisers)}",
        submission_key=uuid.uuid4(),
        organisation=organisation,
        co_organisers=co_organisers,
        contact_name="Suzanne Hoff",
        contact_email="s@example.org",
        title="Forced criminality",
    )


def test_every_reference_moves_and_the_duplicate_leaves_a_tombstone(
    pair, django_user_model
):
    keep, duplicate = pair
    conference = factories.ConferenceFactory(organiser=duplicate)
    first = factories.SessionFactory(conference=conference)
    second = factories.SessionFactory(conference=conference)
    moved = factories.SessionOrganiserFactory(session=first, organisation=duplicate)
    # The second session is organised by both: the duplicate's row goes.
    factories.SessionOrganiserFactory(session=second, organisation=keep)
    twice = factories.SessionOrganiserFactory(session=second, organisation=duplicate)
    person = factories.PersonFactory(organisation=duplicate)
    reviewer = django_user_model.objects.create_user("r", "r@example.org", "pw")
    Conflict.objects.create(reviewer=reviewer, organisation=duplicate)
    call = open_call(
        conference=conference,
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=10),
    )
    submitting = _proposal(call, "LaStrada", ["GAATW"])
    co_organising = _proposal(call, "HEUNI", ["la strada intl.", "GAATW", "LS"])
    untouched = _proposal(call, "HEUNI", ["GAATW"])
    before = timezone.now()

    counts = merge_organisations(keep, duplicate)

    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert Deletion.objects.filter(
        resource=Deletion.Resource.ORGANISATION, object_id=duplicate.pk
    ).exists()
    assert Deletion.objects.filter(
        resource=Deletion.Resource.SESSION_ORGANISER, object_id=twice.pk
    ).exists()
    assert SessionOrganiser.objects.get(pk=moved.pk).organisation == keep
    assert sorted(
        SessionOrganiser.objects.filter(organisation=keep).values_list(
            "session_id", flat=True
        )
    ) == sorted([first.pk, second.pk])
    assert Person.objects.get(pk=person.pk).organisation == keep
    assert Conference.objects.get(pk=conference.pk).organiser == keep
    assert Conflict.objects.get().organisation == keep
    submitting.refresh_from_db()
    co_organising.refresh_from_db()
    untouched.refresh_from_db()
    assert submitting.organisation == "La Strada International"
    assert co_organising.co_organisers == ["La Strada International", "GAATW"]
    assert untouched.co_organisers == ["GAATW"]
    keep.refresh_from_db()
    assert keep.other_names == ["La Strada", "LS", "La Strada Intl.", "LaStrada"]
    # Sessions whose organisers changed count as changed for syncing clients.
    assert all(
        session.updated_at >= before
        for session in conference.sessions.filter(pk__in=[first.pk, second.pk])
    )
    assert counts == {
        "session organisers": 2,
        "people": 1,
        "conferences": 1,
        "conflicts of interest": 1,
        "side-event proposals": 2,
    }


def test_the_references_are_counted_before_a_merge(pair):
    keep, duplicate = pair
    factories.SessionOrganiserFactory(organisation=duplicate)
    factories.PersonFactory(organisation=duplicate)
    factories.PersonFactory(organisation=duplicate)
    assert organisation_references(duplicate) == {
        "session organisers": 1,
        "people": 2,
    }
    assert organisation_references(keep) == {}


def test_an_organisation_is_not_merged_with_itself(pair):
    keep, _duplicate = pair
    factories.PersonFactory(organisation=keep)
    with pytest.raises(ValidationError, match="cannot be merged with itself"):
        merge_organisations(keep, Organisation.objects.get(pk=keep.pk))
    assert Organisation.objects.filter(pk=keep.pk).exists()
    assert Deletion.objects.count() == 0
