"""A call for side events, the proposals sent to it, their reviews and decisions.

A proposal keeps what its organisers wrote as plain data (names, sections, agenda,
speakers) until staff accept it: only then does it become a draft session with
organisations and people of the programme, so nothing unreviewed reaches it.
"""

from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from events.models import Conference, Organisation, Room, Session
from speakers.models import Participation


class Call(models.Model):
    """The call for side events of one conference."""

    conference = models.OneToOneField(
        Conference,
        on_delete=models.CASCADE,
        related_name="side_event_call",
        verbose_name=_("conference"),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    guidance = models.TextField(_("guidance (English)"), blank=True)
    guidance_ru = models.TextField(_("guidance (Russian)"), blank=True)
    asks_agenda = models.BooleanField(_("asks for a draft agenda"), default=True)
    asks_speakers = models.BooleanField(_("asks for speakers"), default=True)
    asks_needs = models.BooleanField(
        _("asks for technical and accessibility needs"), default=True
    )
    rooms = models.ManyToManyField(
        Room, blank=True, related_name="side_event_calls", verbose_name=_("rooms")
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_(
            "Where proposers write with questions; the site's sender if empty."
        ),
    )

    class Meta:
        verbose_name = _("call for side events")
        verbose_name_plural = _("calls for side events")

    def __str__(self) -> str:
        return str(self.conference)

    def is_open(self, at: datetime | None = None) -> bool:
        moment = at or timezone.now()
        return self.opens_at <= moment < self.closes_at

    @property
    def contact(self) -> str:
        """The address proposers write to (the site's sender without its name)."""
        return self.contact_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


class Slot(models.Model):
    """A time the call offers for side events (any of its rooms)."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="slots", verbose_name=_("call")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("side-event slot")
        verbose_name_plural = _("side-event slots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="proposal_slot_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        conference = self.call.conference
        start, end = conference.local(self.start), conference.local(self.end)
        return f"{start:%d.%m.%Y %H:%M}–{end:%H:%M}"


class Criterion(models.Model):
    """What reviewers score, from 0 to ``max_score``."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        ordering = ["call", "order", "id"]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")

    def __str__(self) -> str:
        return self.name

    def label(self, language: str | None = None) -> str:
        """The name in the reader's language: Russian when asked for and given."""
        language = (language or get_language() or "en")[:2]
        return self.name_ru if language == "ru" and self.name_ru else self.name


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ON_HOLD = "on_hold", _("On hold")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    class AttendanceMode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("In person and online")
        ONLINE = "online", _("Online")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("call")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The form's one-time key: the same submit sent twice finds this proposal.
    submission_key = models.UUIDField(unique=True, editable=False)
    language = models.CharField(_("language"), max_length=8, default="en")
    organisation = models.CharField(_("submitting organisation"), max_length=300)
    co_organisers = models.JSONField(_("co-organisers"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    title = models.CharField(_("title"), max_length=300)
    sections = models.JSONField(_("concept note"), default=list, blank=True)
    agenda = models.JSONField(_("draft agenda"), default=list, blank=True)
    speakers = models.JSONField(_("speakers"), default=list, blank=True)
    attendance_mode = models.CharField(
        _("attendance mode"),
        max_length=20,
        choices=AttendanceMode,
        default=AttendanceMode.HYBRID,
    )
    interpretation = models.BooleanField(
        _("interpretation English–Russian needed"), default=False
    )
    preferred_slots = models.JSONField(_("preferred slots"), default=list, blank=True)
    expected_audience = models.TextField(_("expected audience"), blank=True)
    technical_needs = models.TextField(_("technical needs"), blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    consent_at = models.DateTimeField(_("consented to the privacy notice"), null=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    session = models.OneToOneField(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("session"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["call", "created_at"]
        verbose_name = _("side-event proposal")
        verbose_name_plural = _("side-event proposals")
        permissions = [("review_proposal", _("Can review side-event proposals"))]

    def __str__(self) -> str:
        return self.title

    @property
    def organisation_names(self) -> list[str]:
        return [self.organisation, *self.co_organisers]

    @classmethod
    def naming_organisation(cls, names: set[str]) -> list["Proposal"]:
        """Proposals naming an organisation (a merge renames them), by any name."""
        folded = {name.casefold() for name in names}
        return [
            proposal
            for proposal in cls.objects.only("organisation", "co_organisers")
            if folded & {name.casefold() for name in proposal.organisation_names}
        ]

    @classmethod
    def rename_organisation(
        cls, proposals: list["Proposal"], names: set[str], new_name: str
    ) -> None:
        folded = {name.casefold() for name in names}
        for proposal in proposals:
            if proposal.organisation.casefold() in folded:
                proposal.organisation = new_name
            renamed = [
                new_name if name.casefold() in folded else name
                for name in proposal.co_organisers
            ]
            proposal.co_organisers = list(dict.fromkeys(renamed))
        cls.objects.bulk_update(proposals, ["organisation", "co_organisers"])

    @property
    def speakers_shown(self) -> list[dict]:
        """The speakers with their role named in the reader's language."""
        labels = dict(Participation.Role.choices)
        return [
            {**speaker, "role_label": labels.get(speaker.get("role"), "")}
            for speaker in self.speakers
        ]


class ProposalVersion(models.Model):
    """What the proposal said each time its organisers saved it."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("proposal"),
    )
    number = models.PositiveIntegerField(_("number"))
    data = models.JSONField(_("content"))
    submitted = models.BooleanField(_("submitted"), default=False)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["proposal", "number"]
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "number"], name="proposal_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} #{self.number}"


class Review(models.Model):
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("proposal"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="side_event_reviews",
        verbose_name=_("reviewer"),
    )
    scores = models.JSONField(_("scores"), default=dict)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["proposal", "reviewer"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer"], name="proposal_review_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} – {self.reviewer}"

    @property
    def total(self) -> int:
        return sum(int(score) for score in self.scores.values())


class Conflict(models.Model):
    """A reviewer's declared conflict of interest with an organisation."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="side_event_conflicts",
        verbose_name=_("reviewer"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="reviewer_conflicts",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "organisation"], name="proposal_conflict_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} – {self.organisation}"


class Decision(models.Model):
    """Staff's decision on a proposal; the latest one is the proposal's status."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        ON_HOLD = "on_hold", _("On hold")

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("proposal"),
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    note = models.TextField(_("note to the proposer"), blank=True)
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        ordering = ["proposal", "created_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.proposal} – {self.get_outcome_display()}"


class MessageTemplate(models.Model):
    """An editable e-mail to proposers, per call, kind and language."""

    class Kind(models.TextChoices):
        LINK = "link", _("Personal link")
        SUBMITTED = "submitted", _("Proposal received")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        ON_HOLD = "on_hold", _("On hold")

    call = models.ForeignKey(
        Call,
        on_delete=models.CASCADE,
        related_name="message_templates",
        verbose_name=_("call"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    language = models.CharField(
        _("language"), max_length=8, choices=[("en", "English"), ("ru", "Русский")]
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders: {title}, {contact_name}, {conference}, {link}, {slot}, "
            "{room}, {note}, {contact}."
        ),
    )

    class Meta:
        ordering = ["call", "kind", "language"]
        verbose_name = _("e-mail template")
        verbose_name_plural = _("e-mail templates")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "kind", "language"], name="proposal_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"
