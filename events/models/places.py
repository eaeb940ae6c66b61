"""Where the programme happens: venues and their rooms."""

from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models.deletions import Deletion


class VenueManager(models.Manager["Venue"]):
    def get_by_natural_key(self, slug: str) -> "Venue":
        return self.get(slug=slug)


class Venue(models.Model):
    name = models.CharField(pgettext_lazy("of a place", "name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = VenueManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return f"{self.name}, {self.city}" if self.city else self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class RoomManager(models.Manager["Room"]):
    def get_by_natural_key(self, venue_slug: str, slug: str) -> "Room":
        return self.get(venue__slug=venue_slug, slug=slug)


class Room(models.Model):
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("venue")
    )
    name = models.CharField(pgettext_lazy("of a place", "name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats for in-person participants."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The database fills in the time for rows written without one: the rooms that
    # existed before rooms had timestamps, and their older versions that the admin
    # restores from the history.
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())

    objects = RoomManager()

    tombstone_resource = Deletion.Resource.ROOM

    class Meta:
        ordering = ["venue__name", "order", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(
                fields=["venue", "slug"], name="room_unique_slug_per_venue"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str, str]:
        return (*self.venue.natural_key(), self.slug)

    natural_key.dependencies = ["events.venue"]
