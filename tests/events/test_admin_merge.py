"""The admin action merging duplicate organisations: confirmation, then merge."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission

from events.models import Deletion, Organisation, SessionOrganiser
from speakers.models import Person
from tests import factories

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/events/organisation/"


@pytest.fixture
def pair():
    keep = factories.OrganisationFactory(name="Council of Europe", short_name="CoE")
    duplicate = factories.OrganisationFactory(name="Council of Europe (CoE)")
    factories.SessionOrganiserFactory(organisation=duplicate)
    factories.PersonFactory(organisation=duplicate)
    return keep, duplicate


def _action(pks, **extra):
    return {"action": "merge_selected", ACTION_CHECKBOX_NAME: pks, **extra}


def test_the_action_first_lists_what_will_move(admin_client, pair):
    keep, duplicate = pair
    response = admin_client.post(CHANGELIST, _action([keep.pk, duplicate.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Merge organisations" in page
    assert "Session organisers: 1" in page
    assert "People: 1" in page
    assert page.count('type="radio" name="keep"') == 2
    assert Organisation.objects.count() == 2


def test_confirming_merges_into_the_chosen_organisation(admin_client, pair):
    keep, duplicate = pair
    response = admin_client.post(
        CHANGELIST,
        _action([keep.pk, duplicate.pk], keep=str(keep.pk), confirm="1"),
        follow=True,
    )
    assert response.status_code == 200
    assert "1 organisations merged into CoE; 2 references moved." in (
        response.content.decode()
    )
    assert list(Organisation.objects.all()) == [keep]
    assert SessionOrganiser.objects.get().organisation == keep
    assert Person.objects.get().organisation == keep
    assert Deletion.objects.filter(
        resource=Deletion.Resource.ORGANISATION, object_id=duplicate.pk
    ).exists()


def test_confirming_without_a_choice_asks_again(admin_client, pair):
    keep, duplicate = pair
    response = admin_client.post(
        CHANGELIST, _action([keep.pk, duplicate.pk], confirm="1")
    )
    assert response.status_code == 200
    assert "Choose the organisation to keep." in response.content.decode()
    assert Organisation.objects.count() == 2


@pytest.mark.parametrize("keep_value", ["", "nope", "999999"])
def test_one_organisation_or_a_foreign_choice_merges_nothing(
    admin_client, pair, keep_value
):
    keep, duplicate = pair
    alone = admin_client.post(
        CHANGELIST, _action([keep.pk], keep=str(keep.pk), confirm="1"), follow=True
    )
    assert "Choose at least two organisations to merge." in alone.content.decode()
    foreign = admin_client.post(
        CHANGELIST, _action([keep.pk, duplicate.pk], keep=keep_value, confirm="1")
    )
    assert foreign.status_code == 200
    assert Organisation.objects.count() == 2


def test_staff_without_the_delete_permission_do_not_get_the_action(
    client, pair, django_user_model
):
    keep, duplicate = pair
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_organisation", "change_organisation"]
        )
    )
    client.force_login(user)
    page = client.get(CHANGELIST).content.decode()
    assert "merge_selected" not in page
    client.post(
        CHANGELIST, _action([keep.pk, duplicate.pk], keep=str(keep.pk), confirm="1")
    )
    assert Organisation.objects.count() == 2
