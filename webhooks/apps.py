from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        """Listen to the programme and registration from above.

        ``events`` and ``registration`` are lower layers and may not import
        webhooks, yet every writing path (admin, API, services, commands) must be
        heard: so the receivers are connected here, and each only hands the
        object to ``webhooks.services``, where the rules are.
        """
        from events.models import ProgrammeRelease, Session
        from registration.models import Registration
        from webhooks import receivers

        post_save.connect(
            receivers.session_saved,
            sender=Session,
            dispatch_uid="webhooks.session_saved",
        )
        post_delete.connect(
            receivers.session_deleted,
            sender=Session,
            dispatch_uid="webhooks.session_deleted",
        )
        # The parts the API nests in a session (organisers, concept note, agenda,
        # documents, people) change the session as the public API shows it.
        for model in apps.get_models():
            if getattr(model, "nested_in_session", False):
                uid = f"webhooks.part.{model._meta.label_lower}"
                post_save.connect(
                    receivers.part_changed, sender=model, dispatch_uid=uid
                )
                post_delete.connect(
                    receivers.part_changed, sender=model, dispatch_uid=uid
                )
        post_save.connect(
            receivers.release_saved,
            sender=ProgrammeRelease,
            dispatch_uid="webhooks.release_saved",
        )
        post_save.connect(
            receivers.registration_saved,
            sender=Registration,
            dispatch_uid="webhooks.registration_saved",
        )
