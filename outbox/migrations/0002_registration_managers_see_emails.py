"""Registration managers see the e-mails and re-send them (view and change)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Registration managers"
CODENAMES = ["view_email", "change_email", "view_alert"]


def _permissions(apps, *, create: bool = True):
    if create:
        app_config = apps.get_app_config("outbox")
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(
            content_type__app_label="outbox", codename__in=CODENAMES
        )
    )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*_permissions(apps, create=False))


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_outgoing_emails"),
        ("registration", "0002_registration_managers_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
