"""Generate a large synthetic conference for `make bench` (bench/run.py).

The 26th conference has about fifty sessions; a big event has twenty times more.
This makes one of that size (by default 3 days, 20 rooms, 1,000 sessions, 2,500
people) with text as long as the real documents have: titles, concept notes,
agendas, positions and biographies. Everything it creates is named after the
conference slug, so that ``replace=True`` can remove it again.

A benchmark tool, not part of any app: no app imports ``bench``. It needs Django
set up before it is imported (bench/run.py does that).
"""

import datetime as dt
import random
import zoneinfo
from collections.abc import Iterator
from itertools import cycle

from django.db import transaction

from events.models import (
    AgendaItem,
    Conference,
    Organisation,
    Room,
    Session,
    SessionOrganiser,
    SessionSection,
    Venue,
)
from events.version import bump_programme_version
from speakers.models import Participation, Person


def _words(text: str) -> list[str]:
    return text.split()


WORDS = _words(
    "trafficking persons forced criminality victims survivors exploitation "
    "non-punishment principle law enforcement prosecutors judges labour "
    "inspectors civil society online recruitment cyber-enabled fraud scam "
    "compounds supply chains migrants refugees children identification referral "
    "mechanisms protection assistance cooperation cross-border financial "
    "investigations data evidence policy national action plans coordination "
    "participating States OSCE region partners prevention awareness training "
    "capacity building technology platforms accountability justice remedies "
    "compensation rights gender-sensitive trauma-informed approaches practice "
    "lessons learned challenges responses security blind spot criminal networks "
    "organised crime drug trafficking theft begging debt bondage coercion "
    "vulnerability risk indicators frontline professionals shelters NGOs "
    "ombudspersons rapporteurs parliamentarians business sector due diligence"
)
GIVEN = _words(
    "Anna Maria Olga Elena Irina Natalia Sofia Laura Sarah Fatima Amina Leila "
    "Ivan Sergei Andrei Dmitri Peter Thomas Michael David Ahmed Omar Luca Marco "
    "Jean Pierre Hans Lars Nikola Milan Aigerim Nurlan Giorgi Tamar Ana Zeynep"
)
FAMILY = _words(
    "Ivanova Petrov Smirnova Müller Schmidt Rossi Bianchi Dubois Martin García "
    "López Novak Horvat Kowalski Nowak Jovanović Popescu Aliyev Mammadova "
    "Nazarbayeva Beridze Kapanadze Yilmaz Kaya Andersson Johansson Nielsen "
    "O'Brien Murphy Smith Brown Taylor Wilson Hoxha Krasniqi Berisha"
)
HONORIFICS = ("Ms.", "Mr.", "Dr.", "Prof.", "H.E. Ms.", "H.E. Mr.", "")
COUNTRIES = _words(
    "Austria Albania Armenia Azerbaijan Belgium Bulgaria Canada Croatia Cyprus "
    "Denmark Estonia Finland France Georgia Germany Greece Italy Kazakhstan "
    "Kyrgyzstan Latvia Lithuania Moldova Mongolia Norway Poland Portugal Romania "
    "Serbia Slovakia Slovenia Spain Sweden Switzerland Türkiye Ukraine"
)
SECTION_TITLES = ("Background", "Purpose", "Objectives", "Format", "Expected outcomes")
KINDS = (
    [Session.Kind.SESSION] * 6
    + [Session.Kind.SIDE_EVENT] * 6
    + [Session.Kind.PLENARY, Session.Kind.KEYNOTE, Session.Kind.BREAK]
)
SLOT = dt.timedelta(minutes=40)
GAP = dt.timedelta(minutes=5)
FIRST_SLOT = dt.time(8, 0)


def _text(rng: random.Random, chars: int) -> str:
    """Sentences of the programme's vocabulary, about ``chars`` characters long."""
    sentences: list[str] = []
    length = 0
    while length < chars:
        words = rng.choices(WORDS, k=rng.randint(8, 22))
        sentence = " ".join(words).capitalize() + "."
        sentences.append(sentence)
        length += len(sentence) + 1
    return " ".join(sentences)[:chars].rstrip() + "."


def _title(rng: random.Random, low: int, high: int) -> str:
    return _text(rng, rng.randint(low, high)).rstrip(".")


def _slots(start: dt.date, days: int, rooms: list[Room], tz: dt.tzinfo) -> Iterator:
    """(room, start, end) in the order day, room, time: never two at once in a room."""
    per_room_day = 0
    while True:
        per_room_day += 1
        for day in range(days):
            date = start + dt.timedelta(days=day)
            for room in rooms:
                begin = dt.datetime.combine(date, FIRST_SLOT, tz) + (
                    per_room_day - 1
                ) * (SLOT + GAP)
                yield room, begin, begin + SLOT


class GenerationRefused(ValueError):
    """The conference asked for cannot be made as asked."""


def generate_conference(
    slug: str = "bench-conference",
    *,
    days: int = 3,
    rooms: int = 20,
    sessions: int = 1000,
    people: int = 2500,
    organisations: int = 150,
    start: dt.date = dt.date(2026, 9, 14),
    seed: int = 26,
    replace: bool = False,
) -> dict[str, int]:
    """Create a large published conference, in one transaction; return the counts.

    Rows are bulk-created (no signals), so the programme version is bumped once at
    the end, and the page cache never serves a copy from before.
    """
    slots_per_room_day = 20  # 08:00 to 23:00
    if sessions > days * rooms * slots_per_room_day:
        raise GenerationRefused(
            f"{sessions} sessions do not fit in {days} days and {rooms} rooms."
        )
    options = {
        "days": days,
        "rooms": rooms,
        "sessions": sessions,
        "people": people,
        "organisations": organisations,
        "start": start,
        "seed": seed,
    }
    with transaction.atomic():
        if Conference.objects.filter(slug=slug).exists():
            if not replace:
                raise GenerationRefused(
                    f"A conference {slug!r} exists: pass replace=True to remake it."
                )
            _delete(slug)
        counts = _create(slug, options)
    bump_programme_version()
    return counts


def _delete(slug: str) -> None:
    Conference.objects.filter(slug=slug).delete()
    Person.objects.filter(slug__startswith=f"{slug}-p").delete()
    Room.objects.filter(venue__slug=f"{slug}-venue").delete()
    Venue.objects.filter(slug=f"{slug}-venue").delete()
    Organisation.objects.filter(slug__startswith=f"{slug}-o").delete()


def _create(slug: str, options: dict) -> dict[str, int]:
    rng = random.Random(options["seed"])  # noqa: S311 (synthetic data)
    tz = zoneinfo.ZoneInfo("Europe/Vienna")
    start: dt.date = options["start"]
    days, sessions_wanted = int(options["days"]), int(options["sessions"])

    venue = Venue.objects.create(
        name="Benchmark Congress Centre",
        slug=f"{slug}-venue",
        city="Vienna",
        country="Austria",
    )
    rooms = Room.objects.bulk_create(
        Room(
            venue=venue,
            name=f"Room {number + 1:02d}",
            slug=f"room-{number + 1:02d}",
            capacity=rng.choice((40, 80, 120, 300, 800)),
            description=_text(rng, rng.randint(60, 200)),
            order=number,
        )
        for number in range(int(options["rooms"]))
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=_title(rng, 30, 110).title(),
            short_name=f"ORG{number}",
            slug=f"{slug}-o{number}",
            website=f"https://org{number}.example.org",
        )
        for number in range(int(options["organisations"]))
    )
    conference = Conference.objects.create(
        edition=99,
        title=f"Benchmark conference ({sessions_wanted} sessions)",
        theme=_title(rng, 60, 120),
        slug=slug,
        description=_text(rng, 1500),
        start_date=start,
        end_date=start + dt.timedelta(days=days - 1),
        venue=venue,
        organiser=organisations[0],
        participation_policy=_text(rng, 600),
        in_person_capacity=2000,
        status=Conference.Status.PUBLISHED,
    )
    people = Person.objects.bulk_create(
        (
            Person(
                honorific=rng.choice(HONORIFICS),
                given_name=rng.choice(GIVEN),
                family_name=rng.choice(FAMILY),
                slug=f"{slug}-p{number}",
                position=_text(rng, rng.randint(60, 180)),
                organisation=rng.choice(organisations),
                country=rng.choice(COUNTRIES),
                bio=_text(rng, rng.randint(300, 900)),
            )
            for number in range(int(options["people"]))
        ),
        batch_size=500,
    )

    slots = _slots(start, days, rooms, tz)
    sessions = []
    for number in range(sessions_wanted):
        room, begin, end = next(slots)
        kind = rng.choice(KINDS)
        hybrid = rng.random() < 0.6
        sessions.append(
            Session(
                conference=conference,
                kind=kind,
                title=_title(rng, 40, 140),
                slug=f"session-{number + 1}",
                description=_text(rng, rng.randint(400, 1500)),
                start=begin,
                end=end,
                room=room,
                attendance_mode=Session.AttendanceMode.HYBRID
                if hybrid
                else Session.AttendanceMode.IN_PERSON,
                online_platform="Zoom" if hybrid else "",
                online_meeting_id=f"{rng.randint(100, 999)} {rng.randint(10, 99)}"
                if hybrid
                else "",
                interpretation_languages=["en", "ru"] if rng.random() < 0.3 else [],
            )
        )
    sessions = Session.objects.bulk_create(sessions, batch_size=500)

    sections, organisers, items, participations = [], [], [], []
    everybody = cycle(people)  # everybody speaks at least once
    for session in sessions:
        for order in range(rng.randint(0, 3)):
            sections.append(
                SessionSection(
                    session=session,
                    order=order,
                    title=SECTION_TITLES[order],
                    body=_text(rng, rng.randint(300, 1200)),
                )
            )
        for order, organisation in enumerate(
            rng.sample(organisations, rng.randint(1, 3))
        ):
            organisers.append(
                SessionOrganiser(
                    session=session,
                    organisation=organisation,
                    role=SessionOrganiser.Role.ORGANISER
                    if order == 0
                    else SessionOrganiser.Role.CO_ORGANISER,
                    order=order,
                )
            )
        for order in range(rng.randint(2, 5)):
            items.append(
                AgendaItem(
                    session=session,
                    order=order,
                    title=_title(rng, 30, 90),
                    description=_text(rng, rng.randint(0, 300))
                    if rng.random() < 0.5
                    else "",
                )
            )
        speakers = {next(everybody) for _ in range(rng.randint(3, 8))}
        for order, person in enumerate(sorted(speakers, key=lambda p: p.slug)):
            participations.append(
                Participation(
                    person=person,
                    session=session,
                    role=Participation.Role.MODERATOR
                    if order == 0
                    else Participation.Role.SPEAKER,
                    order=order,
                    joins_online=rng.random() < 0.15,
                )
            )
    SessionSection.objects.bulk_create(sections, batch_size=1000)
    SessionOrganiser.objects.bulk_create(organisers, batch_size=1000)
    AgendaItem.objects.bulk_create(items, batch_size=1000)
    Participation.objects.bulk_create(participations, batch_size=1000)
    return {
        "rooms": len(rooms),
        "sessions": len(sessions),
        "people": len(people),
        "organisations": len(organisations),
        "participations": len(participations),
        "agenda items": len(items),
        "concept note sections": len(sections),
    }
