"""An attendee's starred sessions, kept on the server only to give them a calendar.

The attendee stars sessions in the browser (no account); "Subscribe" stores the
selection here under a random key, so that a calendar app can follow it. The row
holds no personal data: the sessions' ids and two moments. Only a hash of the key
is stored, as with every other link that grants something.
"""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models.conferences import Conference


def hash_selection_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class Selection(models.Model):
    # A selection is the attendee's, not the programme's: saving one must not
    # move the programme version, which would empty the page cache for everybody.
    bumps_programme_version = False

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="selections",
        verbose_name=_("conference"),
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    # Ids, not a relation: a session deleted later stays in the list, so that the
    # calendar can tell its subscriber it is cancelled.
    session_ids = models.JSONField(_("sessions"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("selection of sessions")
        verbose_name_plural = _("selections of sessions")

    def __str__(self) -> str:
        return f"{self.conference.slug}: {len(self.session_ids)}"
