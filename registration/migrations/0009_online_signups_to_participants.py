"""Per-session online sign-ups become one participant per conference and address.

Rows of one address in one conference merge: the latest name, organisation and
language, the earliest consent and sign-up, and their sessions as the choice.
Backwards, each chosen session gives a per-session row again (a participant who
chose none gets one per session of the sign-up). Sessions whose Zoom details are
known count as announced: the per-session e-mails already sent them. A per-session
e-mail still waiting in the queue is sent as the participant's sign-up e-mail.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

GROUP = "Registration managers"


def signups_to_participants(apps, schema_editor):
    OnlineSignup = apps.get_model("registration", "OnlineSignup")
    OnlineParticipant = apps.get_model("registration", "OnlineParticipant")
    OnlineAnnouncement = apps.get_model("registration", "OnlineAnnouncement")
    Session = apps.get_model("events", "Session")
    participants = {}
    participant_of_signup = {}
    signups = OnlineSignup.objects.select_related("session").order_by(
        "created_at", "pk"
    )
    for signup in signups:
        key = (signup.session.conference_id, signup.email.lower())
        participant = participants.get(key)
        if participant is None:
            participant = OnlineParticipant.objects.create(
                conference_id=key[0],
                email=key[1],
                name=signup.name,
                organisation=signup.organisation,
                language=signup.language,
                consent_at=signup.consent_at,
            )
            # auto_now_add: the first sign-up's moment is set afterwards.
            OnlineParticipant.objects.filter(pk=participant.pk).update(
                created_at=signup.created_at
            )
            participants[key] = participant
        else:
            participant.name = signup.name
            participant.organisation = signup.organisation
            participant.language = signup.language
            participant.save(update_fields=["name", "organisation", "language"])
        participant.sessions.add(signup.session)
        participant_of_signup[signup.pk] = participant.pk
    # A per-session e-mail still waiting in the queue becomes the participant's.
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    waiting = DBTaskResult.objects.filter(
        status="READY", task_path="registration.tasks.send_registration_email"
    )
    for job in waiting:
        args = job.args_kwargs.get("args", [])
        if args[:1] == ["online_link"] and args[1] in participant_of_signup:
            job.args_kwargs["args"] = [
                "online_welcome",
                participant_of_signup[args[1]],
                *args[2:],
            ]
            job.save(update_fields=["args_kwargs"])
    known = Session.objects.filter(
        online_link_on_registration=True, online_registration_url=""
    ).filter(~Q(online_join_url="") | ~Q(online_meeting_id=""))
    for session in known:
        OnlineAnnouncement.objects.get_or_create(
            session=session,
            defaults={
                "join_url": session.online_join_url,
                "meeting_id": session.online_meeting_id,
                "passcode": session.online_passcode,
                "announced_at": session.updated_at,
            },
        )


def participants_to_signups(apps, schema_editor):
    OnlineSignup = apps.get_model("registration", "OnlineSignup")
    OnlineParticipant = apps.get_model("registration", "OnlineParticipant")
    OnlineAnnouncement = apps.get_model("registration", "OnlineAnnouncement")
    Session = apps.get_model("events", "Session")
    for participant in OnlineParticipant.objects.prefetch_related("sessions"):
        sessions = list(participant.sessions.all()) or list(
            Session.objects.filter(
                conference_id=participant.conference_id,
                online_link_on_registration=True,
                online_registration_url="",
            )
        )
        for session in sessions:
            signup = OnlineSignup.objects.create(
                session=session,
                email=participant.email,
                name=participant.name,
                organisation=participant.organisation,
                language=participant.language,
                consent_at=participant.consent_at,
            )
            OnlineSignup.objects.filter(pk=signup.pk).update(
                created_at=participant.created_at
            )
    OnlineParticipant.objects.all().delete()
    OnlineAnnouncement.objects.all().delete()


def managers_manage_participants(apps, schema_editor):
    """Registration managers see and export online participants, as they did
    the per-session sign-ups."""
    app_config = apps.get_app_config("registration")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="registration",
            content_type__model="onlineparticipant",
        )
    )


def managers_forget_participants(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="registration",
                content_type__model="onlineparticipant",
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_programme_releases"),
        ("registration", "0008_online_participants"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(signups_to_participants, participants_to_signups),
        migrations.RunPython(managers_manage_participants, managers_forget_participants),
    ]
