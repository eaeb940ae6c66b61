"""The per-session online sign-up is gone: its rows are online participants now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0009_online_signups_to_participants"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="onlinesignup",
            name="online_signup_once_per_session",
        ),
        migrations.DeleteModel(
            name="OnlineSignup",
        ),
    ]
