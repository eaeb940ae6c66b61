"""The portal's e-mails, built when sent, in the recipient's language."""

from django.conf import settings
from django.core.mail import send_mail
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


def secretariat_email(conference_id: int) -> str:
    found = PortalSettings.objects.filter(conference_id=conference_id).first()
    return (found.contact_email if found else "") or settings.SECRETARIAT_EMAIL


def _send(template: str, context: dict, to: list[str], language: str) -> bool:
    recipients = [address for address in to if address]
    if not recipients:
        return False
    with translation.override(language):
        subject = " ".join(
            render_to_string(
                f"organisers/emails/{template}_subject.txt", context
            ).split()
        )
        body = render_to_string(f"organisers/emails/{template}.txt", context)
    send_mail(subject, body, None, recipients)
    return True


def build_and_send(kind: str, pk: int) -> bool:
    """Send the e-mail of this kind about this object; False when it is gone."""
    if kind == "organiser_link":
        access = (
            OrganiserAccess.objects.select_related("session__conference")
            .filter(pk=pk, is_active=True)
            .first()
        )
        if access is None:
            return False
        token = issue_access_token(access)
        context = {
            "access": access,
            "session": access.session,
            "url": portal_url(token, access.language),
        }
        return _send("organiser_link", context, [access.email], access.language)
    if kind in {"edit_waiting", "edit_approved", "edit_returned"}:
        edit = (
            PendingEdit.objects.select_related("session", "access")
            .filter(pk=pk)
            .first()
        )
        if edit is None:
            return False
        context = {"edit": edit, "session": edit.session}
        if kind == "edit_waiting":
            to = [secretariat_email(edit.session.conference_id)]
            return _send(kind, context, to, "en")
        language = edit.access.language if edit.access else "en"
        return _send(kind, context, [edit.submitted_by], language)
    confirmation = (
        SpeakerConfirmation.objects.select_related(
            "participation__session__conference", "participation__person"
        )
        .filter(pk=pk)
        .first()
    )
    if confirmation is None:
        return False
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
        return _send(kind, context, to, "en")
    if (
        confirmation.status != SpeakerConfirmation.Status.PENDING
        and kind == "speaker_reminder"
    ):
        return False
    context["url"] = confirmation_url(
        issue_confirmation_token(confirmation), confirmation.language
    )
    return _send(kind, context, [confirmation.email], confirmation.language)
