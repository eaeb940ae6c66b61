"""Documents of sessions and conferences: what may be uploaded, and storing it.

A file's type is read from its first bytes (``filetype``), never from its name
or the browser's word: a renamed HTML page or program is refused. Only PDFs,
office documents and raster images are kept, because the site serves them to
every attendee.
"""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from events.models import Conference, Document, Session
from events.services import delete_from_programme, save_session_part

ALLOWED_DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.ms-powerpoint": "PowerPoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "PowerPoint"
    ),
    "application/vnd.oasis.opendocument.text": "OpenDocument",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
}


def document_content_type(upload: UploadedFile) -> str:
    """The file's type as its content says; raise when it is not one we keep."""
    max_bytes = settings.DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; files may be at most %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_bytes),
            },
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_DOCUMENT_TYPES:
        raise ValidationError(
            _(
                "This file is not a PDF, an office document or an image (JPEG, "
                "PNG, WebP), whatever its name says. Web pages, SVG and programs "
                "cannot be uploaded."
            ),
            code="file_type",
        )
    return kind.mime


def validate_document_file(upload: UploadedFile) -> None:
    """A form field validator: the same check as ``document_content_type``."""
    if isinstance(upload, UploadedFile):
        document_content_type(upload)


def add_document(
    *,
    conference: Conference,
    session: Session | None,
    upload: UploadedFile,
    title: str,
    kind: str = Document.Kind.OTHER,
    language: str = "en",
    uploaded_by: object = None,
    uploaded_by_email: str = "",
) -> Document:
    """Check and store an uploaded file as a document of a session or conference."""
    content_type = document_content_type(upload)
    document = Document(
        conference=conference,
        session=session,
        title=title,
        kind=kind,
        language=language,
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=uploaded_by if getattr(uploaded_by, "pk", None) else None,
        uploaded_by_email=uploaded_by_email,
    )
    document.file.save(upload.name or "document", upload, save=False)
    with transaction.atomic():
        save_session_part(document)
    return document


def save_document(document: Document) -> Document:
    """Save a document edited in a form: its type and size follow its file."""
    upload = document.file.file if document.file else None
    if isinstance(upload, UploadedFile):
        document.content_type = document_content_type(upload)
        document.size = upload.size or 0
    if document.session_id:
        document.conference_id = document.session.conference_id
    return save_session_part(document)


def arrange_documents(session: Session, order: list[int], remove: list[int]) -> int:
    """Reorder a session's documents by id and delete those named in ``remove``.

    Ids that are not this session's documents are ignored, so a forged form never
    reaches another session's files. Returns how many documents were removed.
    """
    with transaction.atomic():
        documents = {d.pk: d for d in session.documents.select_for_update()}
        gone = [documents[pk] for pk in remove if pk in documents]
        kept = [pk for pk in order if pk in documents and pk not in remove]
        kept += sorted(set(documents) - set(kept) - set(remove))
        for position, pk in enumerate(kept):
            document = documents[pk]
            if document.order != position:
                document.order = position
                save_session_part(document)
        files = [document.file.name for document in gone]
        removed = delete_from_programme(gone) if gone else 0
        storage = Document._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files])
    return removed
