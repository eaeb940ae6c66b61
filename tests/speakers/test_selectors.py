"""Reads of people on the programme, with their joins in fixed queries."""

import pytest

from speakers.models import Participation, Person
from speakers.selectors import people_with_details
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 3])
def test_people_with_details_reads_organisations_and_roles_in_two_queries(
    django_assert_num_queries, count
):
    for _ in range(count):
        factories.ParticipationFactory()

    with django_assert_num_queries(2):
        people = list(people_with_details(Person.objects.all()))
        roles = [
            (p.organisation, [r.session.conference for r in p.participations.all()])
            for p in people
        ]

    assert len(roles) == count


def test_people_with_details_shows_only_the_participations_given():
    shown = factories.ParticipationFactory()
    factories.ParticipationFactory(person=shown.person)

    person = people_with_details(
        Person.objects.all(), Participation.objects.filter(pk=shown.pk)
    ).get()

    assert [p.pk for p in person.participations.all()] == [shown.pk]
