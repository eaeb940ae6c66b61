"""One factory_boy factory per model of the programme."""

import datetime as dt
import zoneinfo

import factory
from django.utils.text import slugify

from events.models import (
    AgendaItem,
    Conference,
    Document,
    Organisation,
    ProgrammeRelease,
    Room,
    Session,
    SessionOrganiser,
    SessionSection,
    Venue,
)
from speakers.models import Participation, Person

VIENNA = zoneinfo.ZoneInfo("Europe/Vienna")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ["slug"]

    name = "Hofburg"
    slug = "hofburg"
    city = "Vienna"
    country = "Austria"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Room {500 + n}")
    slug = factory.LazyAttribute(lambda room: slugify(room.name))
    capacity = 80


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    short_name = factory.Sequence(lambda n: f"ORG{n}")
    slug = factory.Sequence(lambda n: f"org-{n}")


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    edition = 26
    title = factory.Sequence(lambda n: f"Alliance conference {n}")
    theme = "The Rise of Forced Criminality: Addressing a Security Blind Spot"
    slug = factory.Sequence(lambda n: f"conference-{n}")
    start_date = dt.date(2026, 4, 20)
    end_date = dt.date(2026, 4, 21)
    venue = factory.SubFactory(VenueFactory)
    status = Conference.Status.PUBLISHED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    conference = factory.SubFactory(ConferenceFactory)
    kind = Session.Kind.SIDE_EVENT
    title = factory.Sequence(lambda n: f"Side event {n}")
    slug = factory.Sequence(lambda n: f"side-event-{n}")
    start = dt.datetime(2026, 4, 20, 16, 45, tzinfo=VIENNA)
    end = factory.LazyAttribute(lambda session: session.start + dt.timedelta(hours=1))
    room = factory.SubFactory(RoomFactory)
    online_platform = "Zoom"
    online_meeting_id = "955 2462 7222"
    online_passcode = "78170555"
    interpretation_languages = factory.LazyFunction(lambda: ["en", "ru"])


class SessionSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSection

    session = factory.SubFactory(SessionFactory)
    order = factory.Sequence(int)
    title = "Background"
    body = "Human trafficking for forced criminality has expanded."


class SessionOrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionOrganiser

    session = factory.SubFactory(SessionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = SessionOrganiser.Role.CO_ORGANISER
    order = factory.Sequence(int)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    order = factory.Sequence(int)
    title = "Panel"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    honorific = "Ms."
    given_name = factory.Sequence(lambda n: f"Anna{n}")
    family_name = factory.Sequence(lambda n: f"Example{n}")
    slug = factory.LazyAttribute(
        lambda person: slugify(f"{person.given_name} {person.family_name}")
    )
    position = "Expert"


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    person = factory.SubFactory(PersonFactory)
    session = factory.SubFactory(SessionFactory)
    role = Participation.Role.SPEAKER
    order = factory.Sequence(int)


# The smallest file that every PDF reader (and ``filetype``) takes for a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    session = factory.SubFactory(SessionFactory)
    conference = factory.LazyAttribute(lambda document: document.session.conference)
    kind = Document.Kind.CONCEPT_NOTE
    title = factory.Sequence(lambda n: f"Concept note {n}")
    language = "en"
    file = factory.django.FileField(data=PDF_BYTES, filename="concept-note.pdf")
    content_type = "application/pdf"
    size = len(PDF_BYTES)


class ProgrammeReleaseFactory(factory.django.DjangoModelFactory):
    """A published version; tests of changes publish through events.releases."""

    class Meta:
        model = ProgrammeRelease

    conference = factory.SubFactory(ConferenceFactory)
    number = factory.Sequence(lambda n: n + 1)
    note = "Programme published"
    published_at = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC))
