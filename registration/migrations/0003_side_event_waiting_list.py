"""Waiting lists of full side events; registration managers may see them."""

import django.db.models.deletion
import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUP = "Registration managers"


def let_managers_view(apps, schema_editor):
    app_config = apps.get_app_config("registration")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="registration",
                codename="view_sideeventwait",
            )
        )


def forget_permissions(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="registration",
        content_type__model="sideeventwait",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_deletion_tombstones"),
        ("registration", "0002_registration_managers_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="SideEventWait",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        verbose_name="joined the waiting list",
                    ),
                ),
                (
                    "registration",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="side_event_waits",
                        to="registration.registration",
                        verbose_name="registration",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="side_event_waits",
                        to="events.session",
                        verbose_name="side event",
                    ),
                ),
            ],
            options={
                "verbose_name": "side-event waiting-list entry",
                "verbose_name_plural": "side-event waiting-list entries",
                "ordering": ["session", "created_at", "id"],
                "indexes": [
                    models.Index(
                        fields=["session", "created_at", "id"],
                        name="registratio_session_fbd170_idx",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("registration", "session"),
                        name="side_event_wait_once_per_registration",
                    )
                ],
            },
        ),
        migrations.RunPython(let_managers_view, forget_permissions),
    ]
