"""Downloads of documents: only of what the visitor may see, never run by the browser.

A document is served as an attachment with ``nosniff``, under the type its
content was found to have, so an uploaded file can never act as a page of this
site. A document of an unpublished session or conference is a 404 for everyone
but staff who see drafts.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from events.models import Conference, Document
from events.visibility import sees_drafts


def visible_documents(user: User | AnonymousUser) -> QuerySet[Document]:
    """Documents the user may download: those of published sessions and conferences."""
    documents = Document.objects.select_related("conference", "session")
    if sees_drafts(user):
        return documents
    return documents.filter(conference__status=Conference.Status.PUBLISHED).exclude(
        session__is_published=False
    )


def document_download(
    request: HttpRequest, conference: str, document: int, filename: str
) -> FileResponse:
    document_obj = get_object_or_404(
        visible_documents(request.user), pk=document, conference__slug=conference
    )
    try:
        handle = document_obj.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document_obj.filename,
        content_type=document_obj.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = (
        "private, no-store" if sees_drafts(request.user) else "public, max-age=300"
    )
    return response
