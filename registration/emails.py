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


def _send(
    *,
    template: str,
    context: dict,
    to: str,
    language: str,
    attachments: list[tuple[str, bytes, str]] = (),
) -> None:
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
    )
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()


def _send_invitation(invitation: Invitation) -> bool:
    if invitation.current_status in {
        Invitation.Status.REVOKED,
        Invitation.Status.DECLINED,
        Invitation.Status.EXPIRED,
    }:
        return False
    token = issue_token(invitation)
    _send(
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
    invitation.save(update_fields=["status", "sent_at", "updated_at"])
    return True


def _send_registration(
    kind: str, registration: Registration, session: int | None = None
) -> bool:
    if kind == "offer" and registration.status != Registration.Status.OFFERED:
        return False
    if kind == "reminder" and registration.status != Registration.Status.CONFIRMED:
        return False
    sessions = list(registration.sessions.select_related("room").order_by("start"))
    seat = None
    if kind == "side_event_seat":
        # Said only while true: the seat is still the person's, with a place.
        seat = next((s for s in sessions if s.pk == session), None)
        if seat is None or registration.status not in Registration.PLACE_HOLDING:
            return False
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
    _send(
        template=kind,
        context=context,
        to=registration.email,
        language=registration.language,
        attachments=attachments,
    )
    return True


def _send_online(
    kind: str, participant: OnlineParticipant, session: int | None
) -> bool:
    if kind == "online_welcome":
        message = online_welcome(participant)
    else:
        message = online_session(participant, session)
        if message is None:
            return False
    _send(**message, to=participant.email, language=participant.language)
    return True


def build_and_send(kind: str, pk: int, session: int | None = None) -> bool:
    """Send the e-mail of this kind; False when it no longer applies (or is gone)."""
    if kind == "invitation":
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("conference")
            .filter(pk=pk)
            .first()
        )
        return invitation is not None and _send_invitation(invitation)
    if kind in REGISTRATION_KINDS:
        registration = (
            Registration.objects.select_related("conference", "invitation")
            .filter(pk=pk)
            .first()
        )
        return registration is not None and _send_registration(
            kind, registration, session
        )
    if kind in {"online_welcome", "online_session"}:
        participant = (
            OnlineParticipant.objects.select_related("conference").filter(pk=pk).first()
        )
        return participant is not None and _send_online(kind, participant, session)
    if kind == "online_link":
        # The per-session sign-up's e-mail: migration 0009 turned the queued ones
        # into the participant's; one retried during the upgrade has no row left.
        logger.warning("E-mail online_link #%s belongs to the old sign-up", pk)
        return False
    raise ValueError(kind)
