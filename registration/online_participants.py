"""People who follow a conference online: one sign-up per conference, no invitation.

A participant may tick the sessions they plan to follow; none ticked means all of
the conference's online sessions. The Zoom details of a session are sent when the
person signs up if they are known then, else when staff add them
(``OnlineAnnouncement`` keeps what was last sent, so a save that changes nothing
sends nothing).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Conference, Session
from registration.validators import Language, organisation_field, validate_no_markup


class OnlineParticipant(models.Model):
    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="online_participants",
        verbose_name=_("conference"),
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_no_markup])
    email = models.EmailField(_("email"))
    organisation = organisation_field()
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language,
        default=Language.ENGLISH,
    )
    sessions = models.ManyToManyField(
        Session,
        blank=True,
        related_name="online_participants",
        verbose_name=_("sessions to follow"),
        help_text=_("None chosen: every session streamed online."),
    )
    consent_at = models.DateTimeField(_("consent given"))
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["conference", "created_at", "id"]
        verbose_name = _("online participant")
        verbose_name_plural = _("online participants")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "email"],
                name="online_participant_once_per_conference",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class OnlineAnnouncement(models.Model):
    """The Zoom details of a session last sent to its online participants."""

    session = models.OneToOneField(
        Session,
        on_delete=models.CASCADE,
        related_name="online_announcement",
        verbose_name=_("session"),
    )
    join_url = models.CharField(_("join URL"), max_length=500, blank=True)
    meeting_id = models.CharField(_("meeting ID"), max_length=50, blank=True)
    passcode = models.CharField(_("passcode"), max_length=50, blank=True)
    announced_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("online details sent")
        verbose_name_plural = _("online details sent")

    def __str__(self) -> str:
        return str(self.session)
