"""A conference (or expert meeting): its dates, place and publication."""

import zoneinfo
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models.deletions import Deletion
from events.models.organisations import Organisation
from events.models.places import Venue
from events.validators import validate_time_zone


class ConferenceQuerySet(models.QuerySet["Conference"]):
    def published(self) -> "ConferenceQuerySet":
        return self.filter(status=Conference.Status.PUBLISHED)


class ConferenceManager(models.Manager["Conference"]):
    def get_by_natural_key(self, slug: str) -> "Conference":
        return self.get(slug=slug)


class Conference(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        EXPERT_MEETING = "expert_meeting", _("Expert meeting")

    edition = models.PositiveSmallIntegerField(
        _("edition number"),
        null=True,
        blank=True,
        help_text=_("e.g. 26 for the 26th conference"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind, default=Kind.CONFERENCE
    )
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Vienna",
        validators=[validate_time_zone],
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences",
        verbose_name=_("venue"),
    )
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences",
        verbose_name=_("organiser"),
    )
    hashtag = models.CharField(_("hashtag"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    in_person_by_invitation = models.BooleanField(
        _("in person by invitation only"), default=True
    )
    online_for_everyone = models.BooleanField(
        _("open online for everyone"), default=True
    )
    participation_policy = models.TextField(
        _("participation policy"),
        blank=True,
        help_text=_("How people take part, as told to the public."),
    )
    in_person_capacity = models.PositiveIntegerField(
        _("in-person capacity"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ConferenceManager.from_queryset(ConferenceQuerySet)()

    tombstone_resource = Deletion.Resource.CONFERENCE

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="conference_ends_after_start",
                violation_error_message=_(
                    "The conference cannot end before it starts."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:conference", kwargs={"conference": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The conference cannot end before it starts.")}
            )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local(self, moment: datetime) -> datetime:
        """Return a moment in the conference's own zone, as attendees read it."""
        return timezone.localtime(moment, self.tzinfo)
