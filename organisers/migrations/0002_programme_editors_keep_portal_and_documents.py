"""Programme editors also manage documents and the organiser portal: access,
settings, edits waiting for approval and speakers' confirmations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Programme editors"
MODELS = {
    "events": ["document"],
    "organisers": [
        "portalsettings",
        "organiseraccess",
        "pendingedit",
        "speakerconfirmation",
    ],
}


def _permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [
        p
        for p in Permission.objects.filter(content_type__app_label__in=MODELS)
        if p.content_type.model in MODELS[p.content_type.app_label]
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("organisers", "0001_organiser_portal_and_speaker_confirmation"),
        ("events", "0006_documents"),
        ("speakers", "0002_programme_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
