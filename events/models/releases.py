"""Published versions of a conference's programme, with what changed in each."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models.conferences import Conference


class ProgrammeRelease(models.Model):
    """A version of the programme staff published, as a schedule app sees it.

    ``snapshot`` keeps what the public saw of each session then, so that the next
    version can say what was added, moved, changed or cancelled; ``changes`` is
    that list, computed once when the version is published.
    """

    class Change(models.TextChoices):
        ADDED = "added", _("Added")
        MOVED = "moved", _("Moved")
        CHANGED = "changed", _("Changed")
        CANCELLED = "cancelled", _("Cancelled")

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="releases",
        verbose_name=_("conference"),
    )
    number = models.PositiveIntegerField(_("version"))
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("What this version changes, in a sentence, for the public."),
    )
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    snapshot = models.JSONField(default=dict, editable=False)
    changes = models.JSONField(default=list, editable=False)

    class Meta:
        ordering = ["conference", "-number"]
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "number"], name="release_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.conference} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("events:changes", kwargs={"conference": self.conference.slug})
