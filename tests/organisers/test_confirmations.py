"""Speakers confirm through their own link; reminders go only to those who did not."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from PIL import Image

from organisers.confirmations import ask_to_confirm, queue_reminders
from organisers.links import issue_confirmation_token
from organisers.models import OrganiserAccess, SpeakerConfirmation
from outbox.models import Email
from outbox.sending import send_email
from tests import factories

pytestmark = pytest.mark.django_db

APRIL = dt.datetime(2026, 4, 1, 10, tzinfo=factories.VIENNA)


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (1600, 1200), "blue")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (48.0, 12.0, 30.0), 3: "E", 4: (16.0, 22.0, 5.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def participation():
    return factories.ParticipationFactory(
        to_be_confirmed=True, person__family_name="Berger", person__given_name="Anna"
    )


def link(participation) -> str:
    confirmation = ask_to_confirm(participation, email="anna@example.org")
    return f"/en/organisers/speaker/{issue_confirmation_token(confirmation)}/"


@time_machine.travel(APRIL, tick=False)
def test_confirming_removes_tbc_from_the_public_page(client, participation):
    url = link(participation)
    page = participation.session.get_absolute_url()
    assert "to be confirmed" in client.get(page).content.decode()

    response = client.post(
        url, {"answer": "confirm", "joins_online": "on", "bio": "Researcher."}
    )

    assert response.status_code == 302
    participation.refresh_from_db()
    assert (participation.to_be_confirmed, participation.joins_online) == (False, True)
    assert participation.person.bio == "Researcher."
    assert SpeakerConfirmation.objects.get().status == "confirmed"
    assert "to be confirmed" not in client.get(page).content.decode()


@time_machine.travel(APRIL, tick=False)
def test_photo_is_stored_resized_and_without_its_gps_data(client, participation):
    url = link(participation)
    photo = SimpleUploadedFile("me.jpg", jpeg_with_gps(), content_type="image/jpeg")

    client.post(url, {"answer": "confirm", "photo": photo})

    person = participation.person.__class__.objects.get(pk=participation.person_id)
    with person.photo.open("rb") as handle, Image.open(handle) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 800
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info
    page = client.get(person.get_absolute_url()).content.decode()
    served = client.get(f"/en/speakers/{person.slug}/photo.jpg")
    assert f'src="/en/speakers/{person.slug}/photo.jpg?v=' in page
    assert (served["Content-Type"], served["X-Content-Type-Options"]) == (
        "image/jpeg",
        "nosniff",
    )
    served.close()


@time_machine.travel(APRIL, tick=False)
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("me.jpg", b"<html><body>not a photo</body></html>"),
        ("me.png", b"GIF89a" + b"\x00" * 32),
    ],
)
def test_a_photo_that_is_not_one_is_refused(client, participation, name, content):
    url = link(participation)

    response = client.post(
        url, {"answer": "confirm", "photo": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [
        "This file is not a JPEG, PNG or WebP photo, whatever its name says."
    ]
    participation.refresh_from_db()
    assert participation.to_be_confirmed is True


@time_machine.travel(APRIL, tick=False)
def test_an_oversized_photo_is_refused(client, participation, settings):
    settings.PHOTO_MAX_BYTES = 1000
    url = link(participation)

    response = client.post(
        url,
        {"answer": "confirm", "photo": SimpleUploadedFile("me.jpg", jpeg_with_gps())},
    )

    assert response.context["form"].errors["photo"][0].startswith("The photo is ")


@time_machine.travel(APRIL, tick=False)
def test_a_decline_tells_the_organisers_and_the_secretariat(
    client, participation, settings
):
    settings.SECRETARIAT_EMAIL = "secretariat@example.org"
    OrganiserAccess.objects.create(
        session=participation.session, email="org@example.org", token_hash="x"
    )
    url = link(participation)
    DBTaskResult.objects.all().delete()

    client.post(url, {"answer": "decline"})

    (task,) = DBTaskResult.objects.all()
    send_email.call(*task.args_kwargs["args"])
    (message,) = mail.outbox
    assert sorted(message.to) == ["org@example.org", "secretariat@example.org"]
    assert (
        message.subject == f'Ms. Anna Berger declined "{participation.session.title}"'
    )


def test_reminders_are_queued_only_for_unconfirmed_speakers():
    session = factories.SessionFactory(
        start=dt.datetime(2026, 4, 20, 10, tzinfo=factories.VIENNA)
    )
    waiting, confirmed, declined = (
        factories.ParticipationFactory(session=session) for _ in range(3)
    )
    with time_machine.travel(APRIL, tick=False):
        for participation in (waiting, confirmed, declined):
            ask_to_confirm(participation, email="p@example.org")
        SpeakerConfirmation.objects.filter(participation=confirmed).update(
            status="confirmed"
        )
        SpeakerConfirmation.objects.filter(participation=declined).update(
            status="declined"
        )
    Email.objects.all().delete()

    with time_machine.travel(APRIL + dt.timedelta(days=1), tick=False):
        assert queue_reminders() == 0  # asked only a day ago
    with time_machine.travel(APRIL + dt.timedelta(days=4), tick=False):
        call_command("remind_speakers")
        assert queue_reminders() == 0  # reminded just now

    (email,) = Email.objects.all()
    assert (email.kind, email.about) == (
        "speaker_reminder",
        SpeakerConfirmation.objects.get(participation=waiting),
    )


def test_link_after_the_session_opens_a_read_only_page(client, participation):
    url = link(participation)
    with time_machine.travel(participation.session.end + dt.timedelta(hours=1)):
        response = client.get(url)
        posted = client.post(url, {"answer": "decline"})

    assert response.templates[0].name == "organisers/confirm_closed.html"
    assert posted.templates[0].name == "organisers/confirm_closed.html"
    assert SpeakerConfirmation.objects.get().status == "pending"
