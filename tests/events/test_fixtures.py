"""The seed fixtures reproduce the source documents in /work/shared/seeds.

000 side events programme 2026, 001 concept note 2026, 002 highlights of the 16th
conference (2016), 003 draft agenda 2026, 004 summary report of the Tirana meeting
(2023). See fixtures/README.md for every choice made where the documents disagree.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

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
from speakers.models import Participation, Person

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
FILES = ["alliance-2026.json", "alliance-2016.json", "tirana-2023.json"]
PK_RANGES = {
    "alliance-2026.json": (10000, 19999),
    "alliance-2016.json": (20000, 29999),
    "tirana-2023.json": (30000, 39999),
}
NATURAL_KEY_MODELS = {
    "events.venue": lambda f: (f["slug"],),
    "events.room": lambda f: (*f["venue"], f["slug"]),
    "events.organisation": lambda f: (f["slug"],),
    "events.conference": lambda f: (f["slug"],),
    "events.session": lambda f: (*f["conference"], f["slug"]),
    "speakers.person": lambda f: (f["slug"],),
}
MODELS = [
    Venue,
    Room,
    Organisation,
    Conference,
    Session,
    SessionSection,
    SessionOrganiser,
    AgendaItem,
    Person,
    Participation,
]


def load(*names: str) -> None:
    call_command("loaddata", *(str(FIXTURES / name) for name in names), verbosity=0)


def read(name: str) -> list[dict]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def hm(moment) -> str | None:
    return moment.strftime("%H:%M") if moment else None


def session(conference: str, slug: str) -> Session:
    return Session.objects.select_related("conference", "room").get(
        conference__slug=conference, slug=slug
    )


def when(s: Session) -> tuple[str, str]:
    return (s.local_start.strftime("%Y-%m-%d %H:%M"), s.local_end.strftime("%H:%M"))


def organisers(s: Session) -> list[tuple[str, str]]:
    return [
        (row.organisation.slug, row.role)
        for row in s.organisers.select_related("organisation").order_by("order")
    ]


def programme(s: Session) -> list[tuple]:
    """(agenda item, role, full name, joins online, to be confirmed), in order."""
    rows = s.participations.select_related("person", "agenda_item").order_by("order")
    return [
        (
            row.agenda_item.title if row.agenda_item else None,
            row.role,
            row.person.full_name,
            row.joins_online,
            row.to_be_confirmed,
        )
        for row in rows
    ]


def names(s: Session, role: str) -> list[str]:
    rows = s.participations.filter(role=role).select_related("person").order_by("order")
    return [row.person.full_name for row in rows]


def agenda_times(s: Session) -> list[tuple[str, str | None, str | None]]:
    tz = s.conference.tzinfo
    return [
        (
            item.title,
            hm(item.start.astimezone(tz)) if item.start else None,
            hm(item.end.astimezone(tz)) if item.end else None,
        )
        for item in s.agenda_items.order_by("order")
    ]


@pytest.fixture
def seeded(db):
    load(*FILES)


# --------------------------------------------------------------------------- files


@pytest.mark.django_db
@pytest.mark.parametrize("name", FILES)
def test_each_file_loads_on_its_own(name):
    load(name)

    assert Conference.objects.count() == 1
    assert Session.objects.count() > 0


@pytest.mark.django_db
def test_loading_twice_creates_no_duplicates():
    load(*FILES)
    once = counts()

    load(*FILES)

    assert counts() == once
    assert once == {
        "Venue": 2,
        "Room": 4,
        "Organisation": 16,
        "Conference": 3,
        "Session": 32,
        "SessionSection": 19,
        "SessionOrganiser": 20,
        "AgendaItem": 32,
        "Person": 101,
        "Participation": 115,
    }


def test_natural_keys_and_pk_ranges():
    for name in FILES:
        low, high = PK_RANGES[name]
        for obj in read(name):
            if obj["model"] in NATURAL_KEY_MODELS:
                assert "pk" not in obj, (name, obj["model"])
            else:
                assert low <= obj["pk"] <= high, (name, obj["model"], obj["pk"])


def test_shared_objects_are_identical_in_every_file():
    seen: dict[tuple, tuple[str, dict]] = {}
    shared = set()
    for name in FILES:
        for obj in read(name):
            key_of = NATURAL_KEY_MODELS.get(obj["model"])
            if key_of is None:
                continue
            key = (obj["model"], *key_of(obj["fields"]))
            if key in seen:
                shared.add(key)
                assert obj["fields"] == seen[key][1], (key, seen[key][0], name)
            else:
                seen[key] = (name, obj["fields"])

    assert ("events.venue", "hofburg") in shared
    assert ("events.organisation", "osr-cthb") in shared
    assert ("speakers.person", "petya-nestorova") in shared
    assert ("speakers.person", "parosha-chandran") in shared


@pytest.mark.django_db
def test_every_object_passes_full_clean(seeded):
    for model in MODELS:
        for obj in model.objects.all():
            obj.full_clean()


@pytest.mark.django_db
def test_sessions_lie_within_their_conference_and_rooms_never_overlap(seeded):
    sessions = list(Session.objects.select_related("conference"))
    for s in sessions:
        s.full_clean()
        assert s.end > s.start
        assert s.conference.start_date <= s.local_start.date()
        assert s.local_end.date() <= s.conference.end_date
    for a in sessions:
        for b in sessions:
            if a.pk < b.pk and a.room_id and a.room_id == b.room_id:
                assert a.end <= b.start or b.end <= a.start, (a.slug, b.slug)


# --------------------------------------------------------------------------- 2026


@pytest.mark.django_db
def test_conference_2026(seeded):
    conference = Conference.objects.get(slug="alliance-2026")

    assert conference.edition == 26
    assert conference.kind == "conference"
    assert conference.status == "published"
    assert (
        conference.theme
        == "The Rise of Forced Criminality: Addressing a Security Blind Spot"
    )
    assert str(conference.start_date) == "2026-04-20"
    assert str(conference.end_date) == "2026-04-21"
    assert conference.time_zone == "Europe/Vienna"
    assert conference.venue.slug == "hofburg"
    assert conference.organiser.short_name == "OSR/CTHB"
    assert conference.in_person_by_invitation is True
    assert conference.online_for_everyone is True
    assert conference.hashtag == "#CTHB26"
    assert "by invitation only" in conference.participation_policy
    assert "online via a dedicated Zoom link" in conference.participation_policy


@pytest.mark.django_db
def test_main_agenda_2026(seeded):
    rows = [
        (s.slug, s.kind, *when(s), s.room_id)
        for s in Session.objects.filter(conference__slug="alliance-2026")
        .exclude(kind="side_event")
        .order_by("start")
    ]

    assert rows == [
        ("registration", "registration", "2026-04-20 11:30", "13:00", None),
        ("welcome-coffee", "break", "2026-04-20 13:00", "13:30", None),
        ("opening", "opening", "2026-04-20 13:30", "14:30", None),
        ("panel-1", "plenary", "2026-04-20 14:30", "16:30", None),
        ("panel-2", "plenary", "2026-04-21 10:15", "12:15", None),
        ("lunch", "lunch", "2026-04-21 12:15", "13:45", None),
        ("panel-3", "plenary", "2026-04-21 15:00", "17:00", None),
        ("closing", "closing", "2026-04-21 17:00", "17:15", None),
    ]
    titles = [
        session("alliance-2026", slug).title
        for slug in ("panel-1", "panel-2", "panel-3")
    ]
    assert titles == [
        "Panel 1: Criminalized Survival: Exposing a Hidden Dimension of Human "
        "Trafficking",
        "Panel 2: From Identification to Protection: Effective and Victim-Centred "
        "Responses to Forced Criminality",
        "Panel 3: Charting the Way Forward: Turning Insight into Impact",
    ]
    assert session("alliance-2026", "panel-1").description.startswith(
        "This first panel sets the scene"
    )


KEY_FINDINGS = (
    "The Human Cost of Crime: The Harrowing Link Between Human and Drug Trafficking: "
    "Key findings"
)
CASE_EXAMPLE = "Case example: Children’s exploitation for drug trafficking in Albania"
ALBANIA = (
    "Strengthening Cross-Border Action to Protect Children: Lessons from Albania's "
    "Pilot Cooperations"
)
NORDIC = (
    "Exploring the Links Between Youth Criminal Exploitation and Trafficking: "
    "Nordic Perspectives"
)
WAR = (
    "Identifying Child Trafficking in Cases of Forced Criminality in the Context of War"
)

SIDE_EVENTS = {
    "launch-cyber-scam-study": {
        "title": "Launch of the Study on Trafficking for Forced Criminality in Cyber "
        "Scam Operations in the OSCE Region",
        "when": ("2026-04-20 16:45", "17:45"),
        "room": "Bibliotheksaal",
        "organisers": [
            ("osr-cthb", "co_organiser"),
            ("uk-delegation-osce", "co_organiser"),
        ],
        "meeting_id": "955 2462 7222",
        "passcode": "78170555",
        "register": False,
        "interpretation": ["en", "ru"],
        "sections": ["Background", "Purpose of the Side Event"],
        "moderators": ["Dr. Kari Johnstone"],
        "programme": [
            ("Opening Remarks", "opening_remarks", "Dr. Kari Johnstone", False, False),
            ("Opening Remarks", "opening_remarks", "Mr. James Ford", False, False),
            ("Keynote Speaker", "keynote", "Mr. Ryan Winch", False, False),
            (
                "Presentation of Findings",
                "presenter",
                "Ms. Lynn Dudenhoefer",
                False,
                False,
            ),
            ("Panel", "moderator", "Dr. Kari Johnstone", False, False),
            ("Panel", "speaker", "Mr. Saken Kabibulla", False, False),
            ("Panel", "speaker", "Ms. Aleksandra Chołuj", False, False),
            ("Panel", "speaker", "Mr. Abdus Salam", False, False),
            ("Panel", "speaker", "Mr. Martin Fowke", False, False),
            (
                "Recommendations and Closing Remarks",
                "closing_remarks",
                "Dr. Kari Johnstone",
                False,
                False,
            ),
        ],
    },
    "non-punishment-complex-cases": {
        "title": "Identification and non-punishment of victims of human trafficking in "
        "complex cases, including in detention settings and financially exploitative "
        "schemes",
        "when": ("2026-04-20 16:45", "17:45"),
        "room": "Room 533",
        "organisers": [("council-of-europe", "co_organiser"), ("cbss", "co_organiser")],
        "meeting_id": "924 4894 3873",
        "passcode": "28754836",
        "register": False,
        "interpretation": [],
        "sections": ["Concept Note"],
        "moderators": ["Edi Mujaj"],
        "programme": [
            (None, "moderator", "Edi Mujaj", False, False),
            (None, "speaker", "Ms. Petya Nestorova", False, False),
            (None, "speaker", "Ms. Ann Snowden", False, False),
            (None, "speaker", "Dr. Märta Johansson", False, False),
            (None, "speaker", "Ms. Julie Platou Kvammen", False, False),
            (None, "speaker", "Ms. Hollie Nadel", False, False),
        ],
    },
    "human-cost-of-crime": {
        "title": "Launch of the research “The Human Cost of Crime: The Harrowing Link "
        "Between Human and Drug Trafficking”",
        "when": ("2026-04-21 09:00", "10:00"),
        "room": "Bibliotheksaal",
        "organisers": [("osr-cthb", "organiser")],
        "meeting_id": "928 0155 1309",
        "passcode": "22844511",
        "register": False,
        "interpretation": [],
        "sections": ["Background", "Objectives"],
        "moderators": [],
        "programme": [
            ("Opening remarks", "opening_remarks", "Dr. Kari Johnstone", False, False),
            ("Panel discussion", "speaker", "Eugenio Zoffili", False, False),
            ("Panel discussion", "speaker", "Sosa Henkoma", False, False),
            (KEY_FINDINGS, "presenter", "Tarana Baghirova", False, False),
            (KEY_FINDINGS, "presenter", "Mark Jackson", False, False),
            (CASE_EXAMPLE, "presenter", "Juliana Rexha", False, False),
            (
                "Concluding remarks",
                "closing_remarks",
                "Dr. Kari Johnstone",
                False,
                False,
            ),
        ],
        "agenda": [
            ("Opening remarks", "09:00", "09:05"),
            ("Panel discussion", "09:05", "09:40"),
            (KEY_FINDINGS, None, None),
            (CASE_EXAMPLE, None, None),
            ("Q&A", "09:40", "09:55"),
            ("Concluding remarks", "09:55", "10:00"),
        ],
    },
    "asean-survivor-centred-responses": {
        "title": "Strengthening Survivor-Centred Responses to Trafficking for Forced "
        "Criminality: ASEAN Experiences and Cross-Regional Lessons",
        "when": ("2026-04-21 09:00", "10:00"),
        "room": "Room 532",
        "organisers": [("asean-act", "co_organiser"), ("ohchr", "co_organiser")],
        "meeting_id": "",
        "passcode": "",
        "register": True,
        "interpretation": [],
        "sections": ["Background", "Expected Outcomes"],
        "moderators": [],
        "programme": [
            ("Panel", "speaker", "Ms. Genevieve Sauberli", True, False),
            ("Panel", "speaker", "H.E. Anita Ashvini Wahid", True, False),
            ("Panel", "speaker", "Mr Chuan Yang Chew", True, False),
            ("Panel", "discussant", "Professor Siobhán Mullally", False, False),
        ],
        "agenda": [
            ("In-person registration", "08:30", "09:00"),
            ("Welcoming remarks from the Australian Government", "09:00", "09:05"),
            ("Panel", "09:05", "10:00"),
            ("Closing", "10:00", None),
        ],
    },
    "criminalisation-to-protection": {
        "title": "From Criminalisation to Protection: Strengthening the Non-Punishment "
        "Principle in Cases of Forced Criminality",
        "when": ("2026-04-21 13:45", "14:45"),
        "room": "Bibliotheksaal",
        "organisers": [
            ("la-strada-international", "co_organiser"),
            ("gaatw", "co_organiser"),
        ],
        "meeting_id": "993 6193 4485",
        "passcode": "72805709",
        "register": False,
        "interpretation": [],
        "sections": [
            "Purpose and Relevance",
            "Content",
            "Discussion Focus",
            "Expected Outcomes",
        ],
        "moderators": ["Ms. Suzanne Hoff"],
        "programme": [
            (
                "Opening by HOST/Moderator",
                "moderator",
                "Ms. Suzanne Hoff",
                False,
                False,
            ),
            ("Panel discussion", "speaker", "Professor Conny Rijken", False, False),
            ("Panel discussion", "speaker", "Ms. Daisy-May Carty Cowling", True, False),
            ("Panel discussion", "speaker", "Ms. Kamena Dorling", False, False),
            ("Panel discussion", "speaker", "Ms. Tamara Schmidt", False, False),
            ("Panel discussion", "speaker", "Ms Michele Mildwater", False, False),
        ],
    },
    "children-forced-criminality": {
        "title": "Children Trafficked for Criminal Activities: Strengthening "
        "Identification and Justice Responses",
        "when": ("2026-04-21 13:45", "14:45"),
        "room": "Room 533",
        "organisers": [
            ("missing-children-europe", "co_organiser"),
            ("terre-des-hommes", "co_organiser"),
            ("heuni", "co_organiser"),
        ],
        "meeting_id": "940 6904 4373",
        "passcode": "73852301",
        "register": False,
        "interpretation": [],
        "sections": ["Rationale and Purpose"],
        "moderators": [],
        "programme": [
            (
                "Opening and Context Setting",
                "facilitator",
                "Alyona Samar",
                False,
                False,
            ),
            (ALBANIA, "presenter", "Olsi Dudumi", False, False),
            (
                "Reflections on lessons learned",
                "speaker",
                "Representative of the Albanian Prosecutor's Office",
                True,
                True,
            ),
            (NORDIC, "presenter", "Anniina Jokinen", False, False),
            (WAR, "speaker", "Julia Sachenko", False, False),
        ],
        "agenda": [
            ("Opening and Context Setting", "13:45", "13:50"),
            (ALBANIA, "13:50", "14:00"),
            ("Reflections on lessons learned", "14:00", "14:05"),
            (NORDIC, "14:05", "14:20"),
            (WAR, "14:20", "14:30"),
            ("Discussion", "14:30", "14:45"),
        ],
    },
    "beyond-the-crime": {
        "title": "Beyond the Crime: Mental Health and Psychosocial Impacts of "
        "Trafficking for Forced Criminality",
        "when": ("2026-04-21 13:45", "14:45"),
        "room": "Room 532",
        "organisers": [("iom", "co_organiser"), ("hellenic-gsvpip", "co_organiser")],
        "meeting_id": "940 8116 7609",
        "passcode": "89911426",
        "register": False,
        "interpretation": [],
        "sections": ["Concept Note"],
        "moderators": ["Jean-Benoit Manhes"],
        "programme": [
            ("Opening Remarks", "opening_remarks", "Heracles Moskoff", False, False),
            ("Panel", "moderator", "Jean-Benoit Manhes", False, False),
            ("Panel", "speaker", "Ms. Petya Nestorova", False, False),
            ("Panel", "speaker", "Peppi Tuulikki Kiviniemi-Siddiq", False, False),
            ("Panel", "speaker", "Guglielmo Schinina", True, False),
            ("Panel", "speaker", "Chara Papageorgiu", False, False),
            ("Panel", "speaker", "Sosa Henkoma", False, False),
        ],
    },
}


@pytest.mark.django_db
def test_the_seven_side_events_2026(seeded):
    rows = [
        (s.slug, *when(s), s.room.name)
        for s in Session.objects.filter(
            conference__slug="alliance-2026", kind="side_event"
        )
        .select_related("room", "conference")
        .order_by("start", "room__order")
    ]

    assert rows == [
        ("launch-cyber-scam-study", "2026-04-20 16:45", "17:45", "Bibliotheksaal"),
        ("non-punishment-complex-cases", "2026-04-20 16:45", "17:45", "Room 533"),
        ("human-cost-of-crime", "2026-04-21 09:00", "10:00", "Bibliotheksaal"),
        ("asean-survivor-centred-responses", "2026-04-21 09:00", "10:00", "Room 532"),
        (
            "criminalisation-to-protection",
            "2026-04-21 13:45",
            "14:45",
            "Bibliotheksaal",
        ),
        ("beyond-the-crime", "2026-04-21 13:45", "14:45", "Room 532"),
        ("children-forced-criminality", "2026-04-21 13:45", "14:45", "Room 533"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", list(SIDE_EVENTS))
def test_side_event_2026(seeded, slug):
    expected = SIDE_EVENTS[slug]
    s = session("alliance-2026", slug)

    assert s.title == expected["title"]
    assert s.kind == "side_event"
    assert when(s) == expected["when"]
    assert (s.room.venue.slug, s.room.name) == ("hofburg", expected["room"])
    assert organisers(s) == expected["organisers"]
    assert s.attendance_mode == "hybrid"
    assert s.online_platform == "Zoom"
    assert s.online_join_url == ""
    assert s.online_registration_url == ""
    assert s.online_meeting_id == expected["meeting_id"]
    assert s.online_passcode == expected["passcode"]
    assert s.online_link_on_registration is expected["register"]
    assert s.interpretation_languages == expected["interpretation"]
    assert s.is_published is True
    assert [section.title for section in s.sections.order_by("order")] == expected[
        "sections"
    ]
    assert names(s, "moderator") == expected["moderators"]
    assert programme(s) == expected["programme"]
    if "agenda" in expected:
        assert agenda_times(s) == expected["agenda"]


@pytest.mark.django_db
def test_people_2026_keep_the_documents_spelling(seeded):
    johnstone = Person.objects.get(slug="kari-johnstone")
    choluj = Person.objects.get(slug="aleksandra-choluj")
    johansson = Person.objects.get(slug="marta-johansson")

    assert (johnstone.honorific, johnstone.given_name, johnstone.family_name) == (
        "Dr.",
        "Kari",
        "Johnstone",
    )
    assert johnstone.position == (
        "OSCE Special Representative and Co-ordinator for Combating Trafficking in "
        "Human Beings"
    )
    assert choluj.family_name == "Chołuj"
    assert choluj.country == "Poland"
    assert johansson.full_name == "Dr. Märta Johansson"
    assert johansson.position == "Associate Professor, Örebro University, Sweden"
    assert [
        (p.session.slug, p.role)
        for p in johnstone.participations.select_related("session").order_by(
            "session__start", "order"
        )
    ] == [
        ("launch-cyber-scam-study", "opening_remarks"),
        ("launch-cyber-scam-study", "moderator"),
        ("launch-cyber-scam-study", "closing_remarks"),
        ("human-cost-of-crime", "opening_remarks"),
        ("human-cost-of-crime", "closing_remarks"),
    ]
    assert Person.objects.filter(family_name="Johnstone").count() == 1
    assert Person.objects.filter(family_name="Henkoma").count() == 1


@pytest.mark.django_db
def test_organisation_spellings(seeded):
    tdh = Organisation.objects.get(slug="terre-des-hommes")
    asean = Organisation.objects.get(slug="asean-act")

    assert tdh.name == "Terre des hommes Foundation"
    assert tdh.other_names == ["Terre des Hommes", "Terre des hommes"]
    assert asean.short_name == "ASEAN-ACT"
    assert asean.other_names == ["ASEAN"]


# --------------------------------------------------------------------------- 2016


@pytest.mark.django_db
def test_conference_2016(seeded):
    conference = Conference.objects.get(slug="alliance-2016")

    assert conference.edition == 16
    assert conference.status == "published"
    assert conference.theme == (
        "Combating Trafficking in Human Beings for the Purpose of Forced Criminality"
    )
    assert (str(conference.start_date), str(conference.end_date)) == (
        "2016-04-11",
        "2016-04-12",
    )
    assert conference.venue.slug == "hofburg"
    rows = [
        (s.slug, s.kind, s.room.name if s.room else None)
        for s in conference.sessions.select_related("room").order_by("start")
    ]
    assert rows == [
        ("opening", "opening", "Neuer Saal"),
        ("panel-1", "plenary", "Neuer Saal"),
        ("places-of-detention", "side_event", None),
        ("panel-2", "plenary", "Neuer Saal"),
        ("new-technologies", "side_event", None),
        ("panel-3", "plenary", "Neuer Saal"),
        ("data-collection", "side_event", None),
        ("panel-4", "plenary", "Neuer Saal"),
    ]


@pytest.mark.django_db
def test_panels_2016_moderators_rapporteurs_and_speakers(seeded):
    panels = {
        slug: (
            names(s, "moderator"),
            names(s, "rapporteur"),
            names(s, "speaker"),
        )
        for slug in ("panel-1", "panel-2", "panel-3", "panel-4")
        for s in [session("alliance-2016", slug)]
    }

    assert panels == {
        "panel-1": (
            ["Klara Skrivánková"],
            ["Houtan Homayounpour"],
            ["Gulnara Shahinian", "Corinne Dettmeijer", "Olivier Peyroux"],
        ),
        "panel-2": (
            ["Michèle Ramis"],
            ["Jan Austad"],
            [
                "Radmila Dragičević-Dičić",
                "Anders Lisborg",
                "Anna Vallentin",
                "Elisabeth Moiron-Braud",
            ],
        ),
        "panel-3": (
            ["Helga Konrad"],
            ["Ms. Petya Nestorova"],
            ["Valbona Hystuna", "Prof. Parosha Chandran"],
        ),
        "panel-4": (
            ["Ruth Pojman"],
            [],
            ["Klara Skrivánková", "Michèle Ramis", "Helga Konrad", "Louise Shelley"],
        ),
    }
    assert names(session("alliance-2016", "panel-4"), "closing_remarks") == [
        "Ambassador Madina Jarbussynova"
    ]


@pytest.mark.django_db
def test_opening_and_side_events_2016(seeded):
    opening = session("alliance-2016", "opening")

    assert programme(opening) == [
        ("Welcoming Remarks", "welcome_remarks", "Eberhard Pohl", False, False),
        ("Welcoming Remarks", "welcome_remarks", "Lamberto Zannier", False, False),
        ("Welcoming Remarks", "welcome_remarks", "John Brandolino", False, False),
        (
            "Welcoming Remarks",
            "welcome_remarks",
            "Ambassador Madina Jarbussynova",
            False,
            False,
        ),
        ("Keynote address", "keynote", "Maria Grazia Giammarinaro", False, False),
    ]
    assert [
        organisers(session("alliance-2016", slug))
        for slug in ("places-of-detention", "new-technologies", "data-collection")
    ] == [
        [("council-of-europe", "co_organiser"), ("osr-cthb", "co_organiser")],
        [("cis-executive-committee", "co_organiser"), ("osr-cthb", "co_organiser")],
        [("tntd-spmu", "co_organiser"), ("osr-cthb", "co_organiser")],
    ]


# --------------------------------------------------------------------------- 2023


@pytest.mark.django_db
def test_tirana_2023(seeded):
    conference = Conference.objects.get(slug="tirana-2023")
    sessions = list(conference.sessions.order_by("start"))

    assert conference.kind == "expert_meeting"
    assert conference.edition is None
    assert conference.time_zone == "Europe/Tirane"
    assert conference.organiser.short_name == "UNODC"
    assert (conference.venue.name, conference.venue.city) == ("Hotel Rogner", "Tirana")
    assert len(sessions) == 9
    assert [s.slug for s in sessions] == [
        "welcoming-remarks",
        *(f"session-{n}" for n in range(1, 8)),
        "conclusions",
    ]
    assert [s.title.split(":")[0] for s in sessions if s.kind == "session"] == [
        f"Session {n}" for n in range(1, 8)
    ]
    assert [s.local_start.date().isoformat() for s in sessions] == [
        *["2023-01-18"] * 5,
        *["2023-01-19"] * 4,
    ]
    assert [
        item.title for item in session("tirana-2023", "session-6").agenda_items.all()
    ] == [
        "Part I",
        "Part II",
        "Part III",
    ]
    assert names(session("tirana-2023", "welcoming-remarks"), "welcome_remarks") == [
        "Ms. Romina Kuko",
        "H.E. Ms. Elisabeth Barsacq",
        "Ms. Fiona McCluney",
    ]
    assert programme(session("tirana-2023", "session-2")) == [
        (None, "speaker", "Ms. Petya Nestorova", True, False),
        (None, "speaker", "Mr. Oleksandr Kyrylenko", False, False),
        (None, "speaker", "Mr. Roberto De Bernardi", False, False),
        (None, "speaker", "Prof. Parosha Chandran", True, False),
    ]
    online = [
        p.person.full_name
        for p in Participation.objects.filter(
            session__conference=conference, joins_online=True
        )
        .select_related("person", "session")
        .order_by("session__start", "order")
    ]
    assert online == [
        "Ms. Petya Nestorova",
        "Prof. Parosha Chandran",
        "Ms. Szonja Szabo",
        "Mr. Adrian Petrescu",
        "Ms. Dora Dimitrova",
        "Mr. Marko Brajovic",
        "Mr. Iulian Merezeanu",
    ]
    assert Participation.objects.filter(session__conference=conference).count() == 44


@pytest.mark.django_db
def test_one_person_across_three_meetings(seeded):
    nestorova = Person.objects.get(slug="petya-nestorova")

    assert Person.objects.filter(family_name="Nestorova").count() == 1
    assert sorted(
        {
            p.session.conference.slug
            for p in nestorova.participations.select_related("session")
        }
    ) == ["alliance-2016", "alliance-2026", "tirana-2023"]


# ----------------------------------------------------------------- Russian content


def test_the_2026_programme_reads_in_russian(seeded, client, settings):
    """Titles, rooms, venue and organisers in Russian; English marked where left."""
    settings.PUBLIC_CACHE_ENABLED = False
    session = Session.objects.get(
        conference__slug="alliance-2026", title_en__startswith="Launch of the Study"
    )
    html = client.get(f"/ru/{session.conference.slug}/programme/").content.decode()

    assert "Презентация исследования о торговле людьми" in html
    assert "Библиотечный зал" in html
    assert "БСП/КБТЛ" in html
    assert "Указано местное время: Вена" in html
    assert "День 1 – понедельник, 20 апреля 2026" in html
    untranslated = [
        s.slug
        for s in Session.objects.filter(conference__slug="alliance-2026")
        if not s.title_ru
    ]
    assert untranslated == []


def _without_russian(conference: str) -> list[str]:
    """Every long text of the conference that has English but no Russian."""
    conf = Conference.objects.get(slug=conference)
    rows = [(f"conference {conf.slug}", conf.description_en, conf.description_ru)]
    for s in Session.objects.filter(conference=conf):
        rows.append((f"session {s.slug}", s.description_en, s.description_ru))
    for section in SessionSection.objects.filter(session__conference=conf):
        rows.append((f"section {section.pk}", section.body_en, section.body_ru))
    for item in AgendaItem.objects.filter(session__conference=conf):
        rows.append(
            (f"agenda item {item.pk}", item.description_en, item.description_ru)
        )
    people = Person.objects.filter(participations__session__conference=conf).distinct()
    for person in people:
        rows.append((f"person {person.slug}", person.position_en, person.position_ru))
    return [label for label, english, russian in rows if english and not russian]


@pytest.mark.django_db
def test_every_long_text_of_the_26th_conference_has_russian():
    load("alliance-2026.json")

    assert _without_russian("alliance-2026") == []
    conference = Conference.objects.get(slug="alliance-2026")
    assert conference.description_ru.startswith("АЛЬЯНС\n\nКонференция Альянса")
    assert Person.objects.get(slug="kari-johnstone").position_ru == (
        "Специальный представитель и координатор ОБСЕ по борьбе с торговлей людьми"
    )
    assert "(УНП ООН)" in Person.objects.get(slug="martin-fowke").position_ru
    assert "(ГРЕТА)" in Person.objects.get(slug="petya-nestorova").position_ru


@pytest.mark.django_db
def test_the_check_for_russian_finds_a_missing_text():
    load("alliance-2026.json")
    SessionSection.objects.filter(pk=10001).update(body_ru="")
    Person.objects.filter(slug="mark-jackson").update(position_ru="")

    assert _without_russian("alliance-2026") == ["section 10001", "person mark-jackson"]


@pytest.mark.django_db
def test_shared_people_carry_the_same_russian_position_in_every_file():
    for name in FILES:
        load(name)
        assert Person.objects.get(slug="petya-nestorova").position_ru.startswith(
            "Исполнительный секретарь Конвенции Совета Европы"
        )


ORGANISER_OR_ACCESS_LINE = (
    "Co-organizers:",
    "Organizer:",
    "Co-organised by",
    "This side event was co-organized by",
    "In person and via Zoom",
    "Соорганизаторы:",
    "Организатор:",
    "Очно и по Zoom",
)


@pytest.mark.django_db
def test_side_event_descriptions_do_not_repeat_organisers_or_access(seeded, client):
    side_events = Session.objects.filter(kind="side_event")
    assert side_events.count() == 10

    for s in side_events:
        for text in (s.description_en, s.description_ru):
            assert not [
                line
                for line in (text or "").splitlines()
                if line.startswith(ORGANISER_OR_ACCESS_LINE)
                or ORGANISER_OR_ACCESS_LINE[3] in line
            ], s.slug

    page = client.get(
        "/en/alliance-2026/sessions/human-cost-of-crime/"
    ).content.decode()
    assert "Organizer: OSR/CTHB" not in page
    assert "In person and via Zoom" not in page
    assert 'id="description-title"' not in page
