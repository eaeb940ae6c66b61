"""The portal's e-mails, built when sent, in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from organisers.links import (
    confirmation_url,
    issue_access_token,
    issue_confirmation_token,
    portal_url,
)
from organisers.models import (
    OrganiserAccess,
    PendingEdit,
    PortalSettings,
    SpeakerConfirmation,
)
from outbox.models import Email
from outbox.sending import queue


def secretariat_email(conference_id: int) -> str:
    found = PortalSettings.objects.filter(conference_id=conference_id).first()
    return (found.contact_email if found else "") or settings.SECRETARIAT_EMAIL


def _message(
    template: str, context: dict, to: list[str], language: str
) -> EmailMessage | None:
    recipients = [address for address in to if address]
    if not recipients:
        return None
    with translation.override(language):
        subject = " ".join(
            render_to_string(
                f"organisers/emails/{template}_subject.txt", context
            ).split()
        )
        body = render_to_string(f"organisers/emails/{template}.txt", context)
    return EmailMessage(
        subject, body, to=recipients, headers={"Content-Language": language}
    )


TO_THE_PERSON = {"organiser_link", "speaker_request", "speaker_reminder"}


def queue_email(
    kind: str, about: OrganiserAccess | PendingEdit | SpeakerConfirmation
) -> Email:
    """Queue the e-mail through the outbox, in the current transaction."""
    if isinstance(about, SpeakerConfirmation):
        session = about.participation.session
    else:
        session = about.session
    return queue(
        app="organisers",
        kind=kind,
        about=about,
        conference_id=session.conference_id,
        # Known now when the e-mail goes to the person it is about; else when built.
        recipient=about.email if kind in TO_THE_PERSON else "",
        language=getattr(about, "language", ""),
    )


def build_message(kind: str, pk: int) -> EmailMessage | None:
    """The e-mail of this kind about this object, built when the outbox sends it.

    None when the object is gone or the e-mail no longer applies.
    """
    if kind == "organiser_link":
        access = (
            OrganiserAccess.objects.select_related("session__conference")
            .filter(pk=pk, is_active=True)
            .first()
        )
        if access is None:
            return None
        token = issue_access_token(access)
        context = {
            "access": access,
            "session": access.session,
            "url": portal_url(token, access.language),
        }
        return _message("organiser_link", context, [access.email], access.language)
    if kind in {"edit_waiting", "edit_approved", "edit_returned"}:
        edit = (
            PendingEdit.objects.select_related("session", "access")
            .filter(pk=pk)
            .first()
        )
        if edit is None:
            return None
        context = {"edit": edit, "session": edit.session}
        if kind == "edit_waiting":
            to = [secretariat_email(edit.session.conference_id)]
            return _message(kind, context, to, "en")
        language = edit.access.language if edit.access else "en"
        return _message(kind, context, [edit.submitted_by], language)
    confirmation = (
        SpeakerConfirmation.objects.select_related(
            "participation__session__conference", "participation__person"
        )
        .filter(pk=pk)
        .first()
    )
    if confirmation is None:
        return None
    session = confirmation.participation.session
    context = {
        "confirmation": confirmation,
        "session": session,
        "person": confirmation.participation.person,
    }
    if kind == "speaker_declined":
        organisers = session.organiser_accesses.filter(is_active=True)
        to = [
            secretariat_email(session.conference_id),
            *organisers.values_list("email", flat=True),
        ]
        return _message(kind, context, to, "en")
    if (
        confirmation.status != SpeakerConfirmation.Status.PENDING
        and kind == "speaker_reminder"
    ):
        return None
    context["url"] = confirmation_url(
        issue_confirmation_token(confirmation), confirmation.language
    )
    return _message(kind, context, [confirmation.email], confirmation.language)
