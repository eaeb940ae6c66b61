"""A "Side-event reviewers" group; programme editors decide on proposals."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWERS = "Side-event reviewers"
EDITORS = "Programme editors"
REVIEWER_CODENAMES = [
    "review_proposal",
    "view_proposal",
    "view_call",
    "view_slot",
    "view_criterion",
    "view_review",
    "add_review",
    "change_review",
    "view_conflict",
    "add_conflict",
    "delete_conflict",
]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="proposals")
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    reviewers.permissions.add(*ours.filter(codename__in=REVIEWER_CODENAMES))
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*ours)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=REVIEWERS).delete()
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *editors.permissions.filter(content_type__app_label="proposals")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0001_side_event_calls_and_proposals"),
        ("speakers", "0002_programme_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
