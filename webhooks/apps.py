from django.apps import AppConfig
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
