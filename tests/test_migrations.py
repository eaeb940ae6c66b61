from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "No changes detected"


@pytest.mark.django_db
def test_programme_editors_group_can_edit_programme_but_not_users():
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name="Programme editors").permissions.values_list(
            "codename", flat=True
        )
    )

    assert {
        "add_session",
        "change_session",
        "delete_session",
        "change_person",
    } <= codenames
    assert not {c for c in codenames if c.endswith("_user") or c.endswith("_group")}
