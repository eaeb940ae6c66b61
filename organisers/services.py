"""The organiser portal's writes: access, edits (live or for approval), approval.

Time comes from ``django.utils.timezone.now`` only, so tests move it with
time-machine.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

import reversion
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from events.models import Session
from events.tokens import new_token
from organisers.emails import queue_email
from organisers.models import (
    OrganiserAccess,
    PendingEdit,
    PortalRevision,
    PortalSettings,
)
from organisers.snapshots import Snapshot, apply_snapshot, session_snapshot


def portal_settings(session: Session) -> PortalSettings:
    """The conference's portal rules (defaults when staff set none)."""
    found = PortalSettings.objects.filter(conference_id=session.conference_id).first()
    return found or PortalSettings(conference_id=session.conference_id)


def edit_deadline(session: Session) -> datetime:
    """Organisers edit until the conference's deadline, at the latest its start."""
    deadline = portal_settings(session).edit_deadline
    return min(deadline, session.start) if deadline else session.start


def may_edit(session: Session) -> bool:
    return timezone.now() < edit_deadline(session)


def grant_access(
    session: Session, *, email: str, name: str = "", language: str = "en"
) -> OrganiserAccess:
    """Give a contact person a link to the session and queue the e-mail with it."""
    with transaction.atomic():
        access, _created = OrganiserAccess.objects.get_or_create(
            session=session,
            email=email.strip().lower(),
            defaults={"name": name, "language": language, "token_hash": new_token()[1]},
        )
        if not access.is_active:
            access.is_active = True
            access.save(update_fields=["is_active"])
        queue_email("organiser_link", access)
    return access


def edit_version(session: Session) -> str:
    """What an organiser's form was based on: the content and any waiting edit.

    A digest of the content, not a timestamp: two saves within one clock tick
    still differ, and a save that changes nothing conflicts with nobody.
    """
    content = json.dumps(session_snapshot(session), sort_keys=True, default=str)
    latest_edit = (
        PendingEdit.objects.filter(session=session).values_list("pk", flat=True).first()
    )
    digest = hashlib.sha256(content.encode()).hexdigest()[:32]
    return f"{digest}|{latest_edit or 0}"


@dataclass
class StaleEdit(Exception):
    """Someone saved the session after the form was opened."""

    who: str
    when: datetime


def last_change(session: Session) -> tuple[str, datetime]:
    """Who changed the session last (staff, or an organiser through a link)."""
    edit = PendingEdit.objects.filter(session=session).first()
    version = (
        Version.objects.get_for_object_reference(Session, session.pk)
        .select_related("revision__user", "revision__portal")
        .first()
    )
    saved = Session.objects.values_list("updated_at", flat=True).get(pk=session.pk)
    candidates: list[tuple[datetime, str]] = []
    if edit:
        candidates.append((edit.created_at, edit.submitted_by))
    if version:
        revision = version.revision
        portal = getattr(revision, "portal", None)
        who = (
            portal.email
            if portal
            else (revision.user.get_full_name() or revision.user.get_username())
            if revision.user
            else ""
        )
        candidates.append((revision.date_created, who))
    when, who = max(candidates) if candidates else (saved, "")
    return who, max(when, saved)


def submit_edit(
    access: OrganiserAccess, after: Snapshot, *, based_on: str
) -> PendingEdit | None:
    """Publish the organiser's change, or keep it for approval, per conference.

    Raises ``StaleEdit`` when the session or its waiting edits changed since the
    form was opened, so two organisers never overwrite each other silently.
    """
    session = access.session
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=session.pk)
        if edit_version(session) != based_on:
            raise StaleEdit(*last_change(session))
        before = session_snapshot(session)
        if portal_settings(session).edits_need_approval:
            PendingEdit.objects.filter(
                session=session, status=PendingEdit.Status.PENDING
            ).update(status=PendingEdit.Status.SUPERSEDED)
            edit = PendingEdit.objects.create(
                session=session,
                access=access,
                submitted_by=access.email,
                before=before,
                after=after,
            )
            queue_email("edit_waiting", edit)
            return edit
        record_portal_change(access.email, "organiser")
        apply_snapshot(session, after)
    return None


def approve_edit(edit: PendingEdit, *, by: User) -> bool:
    """Publish a waiting edit; refuse when the session changed since it was made."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=edit.session_id)
        if session_snapshot(session) != edit.before:
            return False
        apply_snapshot(session, edit.after)
        if reversion.is_active():
            reversion.set_comment(
                f"Approved the organiser's edit from {edit.submitted_by}"
            )
        edit.status = PendingEdit.Status.APPROVED
        edit.decided_at = timezone.now()
        edit.decided_by = by
        edit.save(update_fields=["status", "decided_at", "decided_by"])
        queue_email("edit_approved", edit)
    return True


def return_edit(edit: PendingEdit, *, by: User, comment: str) -> None:
    """Send a waiting edit back to its organiser with the staff's comment."""
    with transaction.atomic():
        edit.status = PendingEdit.Status.RETURNED
        edit.comment = comment
        edit.decided_at = timezone.now()
        edit.decided_by = by
        edit.save(update_fields=["status", "comment", "decided_at", "decided_by"])
        queue_email("edit_returned", edit)


def record_portal_change(email: str, role: str) -> None:
    """Name the organiser or speaker in the history entry of this request."""
    if reversion.is_active():
        reversion.add_meta(PortalRevision, email=email, role=role)
        reversion.set_comment(f"Changed through the {role}'s personal link ({email})")
