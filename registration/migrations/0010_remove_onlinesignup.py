"""The per-session online sign-up is gone: its rows are online participants now."""

from django.db import migrations


def forget_content_type(apps, schema_editor):
    """The model's permissions and content type go with it: a group still holding
    them would name a model that no longer exists (backups could not be restored)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="registration", model="onlinesignup").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0009_online_signups_to_participants"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="onlinesignup",
            name="online_signup_once_per_session",
        ),
        migrations.DeleteModel(
            name="OnlineSignup",
        ),
        # Backwards, the content type and permissions come back after migrate.
        migrations.RunPython(forget_content_type, migrations.RunPython.noop),
    ]
