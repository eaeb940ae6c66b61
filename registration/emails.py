"""The e-mails of registration, built in the recipient's language when sent."""

import datetime as dt
import logging
from io import BytesIO

import segno
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, Event

from registration.links import (
    absolute_url,
    invitation_url,
    issue_further_link,
    issue_token,
)
from registration.models import (
    Invitation,
    OnlineParticipant,
    Registration,
    SideEventWait,
)
from registration.online_emails import online_session, online_welcome
from registration.selectors import conference_contact_email

logger = logging.getLogger(__name__)

REGISTRATION_KINDS = {
    "confirmation",
    "pending",
    "waitlisted",
    "changed",
    "cancelled",
    "offer",
    "reminder",
    "side_event_seat",
}

# The e-mails of online participants (registration.online_emails).
ONLINE_KINDS = {"online_welcome", "online_session"}

# E-mails that carry the person's link to see, change or cancel the registration.
PERSONAL_LINK_KINDS = {"confirmation", "changed", "pending", "waitlisted"}


def attendee_calendar(registration: Registration) -> bytes:
    """An .ics with the conference days and the side events the attendee chose."""
    conference = registration.conference
    calendar = Calendar()
    calendar.add("prodid", "-//OSCE Alliance against Trafficking in Persons//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"conference-{conference.slug}@alliance")
    event.add("summary", conference.title)
    event.add("dtstart", conference.start_date)
    event.add("dtend", conference.end_date + dt.timedelta(days=1))
    event.add("dtstamp", timezone.now())
    if conference.venue:
        event.add("location", str(conference.venue))
    calendar.add_component(event)
    for session in registration.sessions.select_related("room").order_by("start"):
        event = Event()
        event.add("uid", f"session-{session.pk}-{conference.slug}@alliance")
        event.add("summary", session.title)
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
        event.add("dtstamp", timezone.now())
        event.add("url", absolute_url(session.get_absolute_url()))
        if session.room:
            event.add("location", str(session.room))
        calendar.add_component(event)
    return calendar.to_ical()


def qr_png(code: str) -> bytes:
    """The check-in code as a PNG QR code (segno, no native libraries)."""
    buffer = BytesIO()
    segno.make(code, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def _message(
    *,
    template: str,
    context: dict,
    to: str,
    language: str,
    attachments: list[tuple[str, bytes, str]] = (),
) -> EmailMultiAlternatives:
    conference = context.get("conference") or getattr(
        context.get("session"), "conference", None
    )
    with translation.override(language):
        context = {
            **context,
            "contact_email": conference_contact_email(conference),
            "privacy_url": absolute_url(reverse("registration:privacy")),
            "site_url": absolute_url("/"),
        }
        subject = " ".join(
            render_to_string(f"registration/emails/{template}_subject.txt", context)
            .strip()
            .split()
        )
        body = render_to_string(f"registration/emails/{template}.txt", context)
        html = render_to_string(
            "registration/emails/message.html",
            {**context, "subject": subject, "body": body},
        )
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message


def _invitation_message(invitation: Invitation) -> EmailMultiAlternatives | None:
    if invitation.current_status in {
        Invitation.Status.REVOKED,
        Invitation.Status.DECLINED,
        Invitation.Status.EXPIRED,
    }:
        return None
    token = issue_token(invitation)
    message = _message(
        template="invitation",
        context={
            "invitation": invitation,
            "conference": invitation.conference,
            "url": invitation_url(token, invitation.language),
        },
        to=invitation.email,
        language=invitation.language,
    )
    if invitation.status in {Invitation.Status.CREATED, Invitation.Status.OPENED}:
        invitation.status = Invitation.Status.SENT
    invitation.sent_at = timezone.now()
    # Undone with the rest when the mail server refuses the message.
    invitation.save(update_fields=["status", "sent_at", "updated_at"])
    return message


def _registration_message(
    kind: str, registration: Registration, session: int | None = None
) -> EmailMultiAlternatives | None:
    if kind == "offer" and registration.status != Registration.Status.OFFERED:
        return None
    if kind == "reminder" and registration.status != Registration.Status.CONFIRMED:
        return None
    sessions = list(registration.sessions.select_related("room").order_by("start"))
    seat = None
    if kind == "side_event_seat":
        # Said only while true: the seat is still the person's, with a place.
        seat = next((s for s in sessions if s.pk == session), None)
        if seat is None or registration.status not in Registration.PLACE_HOLDING:
            return None
    context = {
        "registration": registration,
        "conference": registration.conference,
        "sessions": sessions,
        "waiting": list(
            SideEventWait.objects.with_position()
            .filter(registration=registration)
            .select_related("session")
            .order_by("session__start", "session__title")
        ),
        "seat": seat,
        "offer_expires_at": registration.offer_expires_at
        and registration.conference.local(registration.offer_expires_at),
    }
    if kind == "offer":
        token = issue_token(registration.invitation)
        context["url"] = invitation_url(token, registration.language)
    elif kind in PERSONAL_LINK_KINDS:
        token = issue_further_link(registration.invitation)
        context["url"] = invitation_url(token, registration.language)
    attachments = []
    confirmed = registration.status == Registration.Status.CONFIRMED
    if kind in {"confirmation", "changed", "reminder", "side_event_seat"} and confirmed:
        # The calendar's titles and rooms in the attendee's language, as the text.
        with translation.override(registration.language):
            calendar = attendee_calendar(registration)
        attachments.append(("alliance.ics", calendar, "text/calendar"))
        if registration.is_in_person:
            attachments.append(
                ("check-in-code.png", qr_png(registration.checkin_code), "image/png")
            )
    return _message(
        template=kind,
        context=context,
        to=registration.email,
        language=registration.language,
        attachments=attachments,
    )


def _online_message(
    kind: str, participant: OnlineParticipant, session: int | None
) -> EmailMultiAlternatives | None:
    if kind == "online_welcome":
        message = online_welcome(participant)
    else:
        message = online_session(participant, session)
        if message is None:
            return None
    return _message(**message, to=participant.email, language=participant.language)


def model_of(kind: str) -> type[Invitation | OnlineParticipant | Registration]:
    """What an e-mail of this kind is about (the outbox links it to that object)."""
    if kind == "invitation":
        return Invitation
    if kind in ONLINE_KINDS:
        return OnlineParticipant
    return Registration


def build_and_send(kind: str, pk: int, session: int | None = None) -> bool:
    """Build and send at once, outside the outbox; False when it no longer applies."""
    message = build_message(kind, pk, session)
    if message is None:
        return False
    message.send()
    return True


def build_message(
    kind: str, pk: int, session: int | None = None
) -> EmailMultiAlternatives | None:
    """The e-mail of this kind, built now; None when it no longer applies (or is gone).

    Called by the outbox when it sends; a new kind goes here and in ``model_of``.
    """
    if kind == "invitation":
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("conference")
            .filter(pk=pk)
            .first()
        )
        return None if invitation is None else _invitation_message(invitation)
    if kind in REGISTRATION_KINDS:
        registration = (
            Registration.objects.select_related("conference", "invitation")
            .filter(pk=pk)
            .first()
        )
        if registration is None:
            return None
        return _registration_message(kind, registration, session)
    if kind in ONLINE_KINDS:
        participant = (
            OnlineParticipant.objects.select_related("conference").filter(pk=pk).first()
        )
        if participant is None:
            return None
        return _online_message(kind, participant, session)
    if kind == "online_link":
        # The per-session sign-up's e-mail: migration 0009 turned the queued ones
        # into the participant's; one retried during the upgrade has no row left.
        logger.warning("E-mail online_link #%s belongs to the old sign-up", pk)
        return None
    raise ValueError(kind)
