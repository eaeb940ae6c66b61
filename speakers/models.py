"""People on the programme and their participation in sessions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import AgendaItem, Deletion, Organisation, Session


class PersonManager(models.Manager["Person"]):
    def get_by_natural_key(self, slug: str) -> "Person":
        return self.get(slug=slug)


class Person(models.Model):
    honorific = models.CharField(
        _("honorific"),
        max_length=30,
        blank=True,
        help_text=_("e.g. Ms., Mr., Dr., H.E."),
    )
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    position = models.TextField(
        _("position"),
        blank=True,
        help_text=_("Title and affiliation as the programme gives it."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to="photos/",
        blank=True,
        help_text=_("Stored as JPEG, resized and without metadata."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonManager()

    tombstone_resource = Deletion.Resource.PERSON

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("speakers:person", kwargs={"person": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.honorific, self.given_name, self.family_name) if part
        )


class Participation(models.Model):
    class Role(models.TextChoices):
        OPENING_REMARKS = "opening_remarks", _("Opening remarks")
        WELCOME_REMARKS = "welcome_remarks", _("Welcome remarks")
        KEYNOTE = "keynote", _("Keynote speaker")
        MODERATOR = "moderator", _("Moderator")
        SPEAKER = "speaker", _("Speaker")
        PRESENTER = "presenter", _("Presenter")
        DISCUSSANT = "discussant", _("Discussant")
        RAPPORTEUR = "rapporteur", _("Rapporteur")
        FACILITATOR = "facilitator", _("Facilitator")
        CLOSING_REMARKS = "closing_remarks", _("Closing remarks")

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("person"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("session"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("agenda item"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role, default=Role.SPEAKER
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    joins_online = models.BooleanField(_("joins online"), default=False)
    to_be_confirmed = models.BooleanField(_("to be confirmed"), default=False)

    tombstone_resource = Deletion.Resource.PARTICIPATION
    nested_in_session = True

    class Meta:
        ordering = ["session", "order", "id"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"

    def clean(self) -> None:
        if (
            self.agenda_item_id
            and self.session_id
            and self.agenda_item.session_id != self.session_id
        ):
            raise ValidationError(
                {"agenda_item": _("The agenda item belongs to another session.")}
            )
