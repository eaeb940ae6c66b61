"""Tombstones of deleted objects, for API clients that sync incrementally."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Deletion(models.Model):
    """A tombstone: an object of the programme that was deleted, and when.

    API clients that sync with ``updated_since`` learn from these what to drop,
    without refetching everything. A model whose deletions clients must learn of
    names its resource in a class attribute ``tombstone_resource``; a part that the
    API nests in its session also sets ``nested_in_session = True``, so that saving
    or deleting it counts as a change of the session. ``events.services`` reads
    both, for the models of any app, so events never names the speakers models.
    """

    class Resource(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        SESSION = "session", _("Session")
        ROOM = "room", _("Room")
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Person")
        PARTICIPATION = "participation", _("Participation")
        AGENDA_ITEM = "agenda_item", _("Agenda item")
        SESSION_ORGANISER = "session_organiser", _("Session organiser")
        SESSION_SECTION = "session_section", _("Concept note section")

    resource = models.CharField(_("resource"), max_length=20, choices=Resource)
    object_id = models.BigIntegerField(_("object id"))
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["deleted_at", "id"]
        verbose_name = _("deletion")
        verbose_name_plural = _("deletions")

    def __str__(self) -> str:
        return f"{self.resource} {self.object_id}"
