"""Programme editors publish versions of the programme (view and add them)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Programme editors"
CODENAMES = ["add_programmerelease", "view_programmerelease"]


def grant(apps, schema_editor):
    events = apps.get_app_config("events")
    events.models_module = True
    create_permissions(events, verbosity=0, apps=apps)
    events.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="events", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="events", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_programme_releases"),
        ("speakers", "0004_person_photo"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
