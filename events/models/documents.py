"""Documents of the programme: concept notes, flyers, presentations, reports.

A document belongs to a conference and, when it is a session's, to that session
too; it is published when its session (or its conference) is. The file lives in
Django's default storage (the filesystem, or an S3-compatible store).
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from events.languages import LanguageCode
from events.models.conferences import Conference
from events.models.sessions import Session


def document_upload_to(document: "Document", filename: str) -> str:
    """A random folder per file: names never collide and never guess each other."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"documents/{uuid.uuid4().hex}/{document.safe_stem()}{suffix}"


class Document(models.Model):
    class Kind(models.TextChoices):
        CONCEPT_NOTE = "concept_note", _("Concept note")
        AGENDA = "agenda", _("Agenda")
        FLYER = "flyer", _("Flyer")
        PRESENTATION = "presentation", _("Presentation")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("conference"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("session"),
        help_text=_("Empty for a document of the whole conference."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("language"), max_length=5, choices=LanguageCode, default=LanguageCode.ENGLISH
    )
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=300)
    content_type = models.CharField(_("content type"), max_length=120, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("uploaded by"),
    )
    uploaded_by_email = models.EmailField(
        _("uploaded by (organiser)"), blank=True, editable=False
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    nested_in_session = True

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "events:document",
            kwargs={
                "conference": self.conference.slug,
                "document": self.pk,
                "filename": self.filename,
            },
        )

    def safe_stem(self) -> str:
        return slugify(self.title)[:80] or "document"

    @property
    def filename(self) -> str:
        return PurePosixPath(self.file.name).name if self.file else "document"
