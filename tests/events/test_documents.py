"""Documents of sessions and conferences: checked by content, served safely."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree
from PIL import Image

from events.documents import add_document, document_content_type
from events.models import Conference, Document
from tests import factories
from tests.events.test_schedule import XSD, needs_schemas

pytestmark = pytest.mark.django_db

PDF = factories.PDF_BYTES


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _uncached(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("note.pdf", PDF, "application/pdf"),
        ("flyer.png", png_bytes(), "image/png"),
        ("flyer.pdf", png_bytes(), "image/png"),  # the content decides, not the name
    ],
)
def test_the_content_decides_the_type(name, content, expected):
    assert document_content_type(SimpleUploadedFile(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("note.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
        ("notes.pdf", b"just some text"),
    ],
)
def test_a_file_that_lies_about_its_type_is_refused(name, content):
    with pytest.raises(ValidationError) as error:
        document_content_type(SimpleUploadedFile(name, content))

    assert error.value.code == "file_type"


def test_an_oversized_file_is_refused_with_the_limit(settings):
    settings.DOCUMENT_MAX_BYTES = 100
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 200)

    with pytest.raises(ValidationError) as error:
        document_content_type(upload)

    assert error.value.code == "too_large"
    assert error.value.messages == [
        "The file is 245\xa0bytes; files may be at most 100\xa0bytes."
    ]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        document_content_type(SimpleUploadedFile("empty.pdf", b""))

    assert error.value.code == "empty"


def test_add_document_stores_the_file_with_its_type_and_size():
    session = factories.SessionFactory()

    document = add_document(
        conference=session.conference,
        session=session,
        upload=SimpleUploadedFile("Concept Note.PDF", PDF),
        title="Concept note",
        kind=Document.Kind.CONCEPT_NOTE,
        language="ru",
    )

    stored = Document.objects.get(pk=document.pk)
    assert (stored.content_type, stored.size, stored.language) == (
        "application/pdf",
        len(PDF),
        "ru",
    )
    assert stored.filename == "concept-note.pdf"
    with stored.file.open("rb") as handle:
        assert handle.read() == PDF


def test_download_is_an_attachment_that_is_never_sniffed(client):
    document = factories.DocumentFactory()

    response = client.get(document.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{document.filename}"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    response.close()


def test_document_of_an_unpublished_session_is_not_found(client, admin_client):
    document = factories.DocumentFactory(session__is_published=False)

    assert client.get(document.get_absolute_url()).status_code == 404
    staff_response = admin_client.get(document.get_absolute_url())
    staff_response.close()
    assert staff_response.status_code == 200


def test_document_of_an_unpublished_conference_is_not_found(client):
    document = factories.DocumentFactory(
        session__conference__status=Conference.Status.DRAFT
    )

    assert client.get(document.get_absolute_url()).status_code == 404


def test_document_under_another_conference_address_is_not_found(client):
    document = factories.DocumentFactory()
    other = factories.ConferenceFactory()

    url = document.get_absolute_url().replace(
        f"/{document.conference.slug}/", f"/{other.slug}/"
    )

    assert client.get(url).status_code == 404


def test_session_page_lists_its_documents(client):
    document = factories.DocumentFactory(title="Concept note of the launch")

    response = client.get(document.session.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{document.get_absolute_url()}"' in html
    assert "Concept note of the launch" in html


def test_archive_lists_the_documents_of_earlier_conferences(client):
    older = factories.ConferenceFactory(
        slug="alliance-16", start_date="2016-04-11", end_date="2016-04-12"
    )
    factories.ConferenceFactory(slug="alliance-26")
    report = factories.DocumentFactory(
        session=None,
        conference=older,
        kind=Document.Kind.REPORT,
        title="Highlights report 2016",
    )

    response = client.get("/en/archive/")

    html = response.content.decode()
    assert "Highlights report 2016" in html
    assert f'href="{report.get_absolute_url()}"' in html


def test_api_lists_a_session_s_documents(client):
    document = factories.DocumentFactory(title="Flyer", kind=Document.Kind.FLYER)

    response = client.get(f"/api/v1/sessions/{document.session.pk}/")

    assert response.status_code == 200
    assert json.loads(response.content)["documents"] == [
        {
            "id": document.pk,
            "title": "Flyer",
            "kind": "flyer",
            "language": "en",
            "content_type": "application/pdf",
            "size": len(PDF),
            "url": f"http://testserver{document.get_absolute_url()}",
        }
    ]


@needs_schemas
def test_schedule_xml_carries_the_documents_and_stays_valid(client):
    document = factories.DocumentFactory(
        title="Slides", kind=Document.Kind.PRESENTATION
    )

    response = client.get(f"/feeds/{document.conference.slug}/schedule.xml")

    tree = etree.fromstring(response.content)
    etree.XMLSchema(etree.parse(XSD)).assertValid(tree)
    attachments = tree.findall(".//event/attachments/attachment")
    assert [(a.text, a.get("type"), a.get("href")) for a in attachments] == [
        ("Slides", "slides", f"http://testserver{document.get_absolute_url()}")
    ]


def test_schedule_json_carries_the_documents(client):
    document = factories.DocumentFactory(title="Report", kind=Document.Kind.REPORT)

    data = json.loads(
        client.get(f"/feeds/{document.conference.slug}/schedule.json").content
    )

    events = [
        event
        for day in data["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for event in room
    ]
    assert events[0]["attachments"] == [
        {
            "url": f"http://testserver{document.get_absolute_url()}",
            "title": "Report",
            "type": "paper",
        }
    ]


def test_api_lists_a_conference_s_own_documents(client):
    conference = factories.ConferenceFactory(slug="alliance-23")
    report = factories.DocumentFactory(
        session=None, conference=conference, title="Summary report 2023"
    )
    factories.DocumentFactory(session__conference=conference, title="Of a session")

    response = client.get("/api/v1/conferences/alliance-23/")

    assert [d["title"] for d in json.loads(response.content)["documents"]] == [
        "Summary report 2023"
    ]
    assert json.loads(response.content)["documents"][0]["id"] == report.pk
