"""A "Programme editors" group that edits the programme without being superuser."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Programme editors"
MODELS = {
    "events": ["venue", "room", "organisation", "conference", "session", "sessionsection",
               "sessionorganiser", "agendaitem"],
    "speakers": ["person", "participation"],
}


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label__in=MODELS,
    )
    group.permissions.set(
        [p for p in permissions if p.content_type.model in MODELS[p.content_type.app_label]]
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_session_room_exclusion"),
        ("speakers", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
