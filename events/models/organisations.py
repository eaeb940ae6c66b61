"""Organisations that organise conferences and sessions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models.deletions import Deletion


class OrganisationManager(models.Manager["Organisation"]):
    def get_by_natural_key(self, slug: str) -> "Organisation":
        return self.get(slug=slug)


class Organisation(models.Model):
    name = models.CharField(_("full name"), max_length=300)
    short_name = models.CharField(
        _("short name or acronym"),
        max_length=100,
        blank=True,
        help_text=_("e.g. OSR/CTHB"),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    other_names = models.JSONField(
        _("other spellings"),
        default=list,
        blank=True,
        help_text=_("Other ways the documents write this organisation's name."),
    )
    website = models.URLField(_("website"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationManager()

    tombstone_resource = Deletion.Resource.ORGANISATION

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.display_name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        if not isinstance(self.other_names, list) or not all(
            isinstance(name, str) for name in self.other_names
        ):
            raise ValidationError({"other_names": _("Give a list of names.")})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name
