"""The one receiver of registration: a saved session may bring its Zoom details.

Why a receiver, and a thin one: staff add a session's Zoom link in the session
admin, but also through the API, an organiser's approved edit or a translator's
file, all in ``events``, which must not import ``registration``. A call from one
save path would miss the others, and a missed e-mail is a participant without the
link. So the rule stays in ``services.online.announce_online_details``; this only
calls it, inside the save's transaction, so the e-mails are queued (durably, in
the task table) exactly when the change commits. Fixture loading (``raw``) sends
nothing.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from events.models import Session
from registration.services.online import announce_online_details


@receiver(post_save, sender=Session, dispatch_uid="registration.online_details")
def session_saved(sender: type, instance: Session, raw: bool, **kwargs: object) -> None:
    if not raw:
        announce_online_details(instance)
