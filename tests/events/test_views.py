"""The public pages of the programme, as an attendee's browser receives them."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from events.models import Conference, Session
from tests import factories

pytestmark = pytest.mark.django_db

VIENNA = factories.VIENNA


@pytest.fixture(autouse=True)
def _isolated(settings) -> None:
    """Watch the views themselves, not alliance.cache, in English to start with.

    A request under /ru/ leaves Russian active in the thread for reverse().
    """
    settings.PUBLIC_CACHE_ENABLED = False
    translation.activate("en")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 4, day, hour, minute, tzinfo=VIENNA)


@pytest.fixture
def conference() -> Conference:
    return factories.ConferenceFactory(
        slug="alliance-26",
        title="26th Alliance conference",
        hashtag="#AllianceAgainstTrafficking",
    )


def make_programme(conference: Conference, side_events: int = 2) -> list[Session]:
    """A plenary on day 1, parallel side events beside each other, one on day 2."""
    plenary = factories.SessionFactory(
        conference=conference,
        kind=Session.Kind.PLENARY,
        title="Opening plenary",
        slug="opening",
        start=at(20, 10),
        end=at(20, 12),
        room__name="Neuer Saal",
    )
    sessions = [plenary]
    for number in range(side_events):
        session = factories.SessionFactory(
            conference=conference,
            title=f"Side event {number}",
            slug=f"side-{number}",
            start=at(20, 16, 45),
            end=at(20, 17, 45),
            room__name=f"Side room {number}",
        )
        factories.SessionOrganiserFactory(session=session)
        factories.ParticipationFactory(session=session)
        sessions.append(session)
    sessions.append(
        factories.SessionFactory(
            conference=conference,
            title="Human cost of crime",
            slug="human-cost",
            start=at(21, 9),
            end=at(21, 10),
            room__name="Bibliotheksaal",
        )
    )
    return sessions


def programme_url(conference: Conference, **params: str) -> str:
    url = reverse("events:programme", kwargs={"conference": conference.slug})
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{url}?{query}" if query else url


def titles(response) -> list[str]:
    return [
        session.title
        for day in response.context["days"]
        for slot in day.slots
        for session in slot.sessions
    ]


# --- Home and archive ---------------------------------------------------------


def test_conference_home_names_theme_dates_venue_and_policy(client, conference):
    response = client.get(conference.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert conference.theme in html
    assert "20</time>–<time" in html
    assert "April 2026" in html
    assert "Hofburg" in html
    assert "#AllianceAgainstTrafficking" in html
    assert "In person: by personal invitation only." in html
    assert reverse("events:programme", kwargs={"conference": "alliance-26"}) in html


def test_conference_home_describes_invitation_when_registration_is_missing(
    client, conference
):
    response = client.get(conference.get_absolute_url())

    # Invitees register through their personal link: no public registration page.
    assert response.context["registration_url"] == ""
    assert "Invitees receive a personal link to register." in response.text
    assert "Register (invitees)" not in response.text


def test_landing_page_features_newest_conference_and_lists_earlier(client):
    older = factories.ConferenceFactory(
        start_date=dt.date(2016, 4, 11), end_date=dt.date(2016, 4, 12)
    )
    newest = factories.ConferenceFactory()

    response = client.get(reverse("events:conference_list"))

    assert response.context["current"] == newest
    assert response.context["earlier"] == [older]


def test_archive_lists_earlier_meetings_only(client):
    meeting_2016 = factories.ConferenceFactory(
        start_date=dt.date(2016, 4, 11), end_date=dt.date(2016, 4, 12)
    )
    meeting_2023 = factories.ConferenceFactory(
        start_date=dt.date(2023, 1, 18), end_date=dt.date(2023, 1, 19)
    )
    factories.ConferenceFactory()
    factories.ConferenceFactory(
        status=Conference.Status.DRAFT,
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2020, 1, 1),
    )

    response = client.get(reverse("events:archive"))

    assert list(response.context["conferences"]) == [meeting_2023, meeting_2016]


# --- Programme ----------------------------------------------------------------


def test_programme_puts_plenaries_full_width_and_side_events_side_by_side(
    client, conference
):
    make_programme(conference)

    response = client.get(programme_url(conference))

    assert response.status_code == 200
    days = response.context["days"]
    assert [day.number for day in days] == [1, 2]
    assert [
        ([s.title for s in slot.sessions], slot.is_parallel) for slot in days[0].slots
    ] == [
        (["Opening plenary"], False),
        (["Side event 0", "Side event 1"], True),
    ]
    html = response.content.decode()
    assert "All times are local time in Vienna (CEST, UTC+02:00)." in html
    assert '<time datetime="2026-04-20T16:45:00+02:00">16:45</time>' in html


def test_programme_entry_shows_online_access_like_the_paper(client, conference):
    factories.SessionFactory(
        conference=conference,
        online_join_url="https://zoom.example/j/123",
        online_passcode="78170555",
    )
    factories.SessionFactory(
        conference=conference,
        start=at(21, 9),
        online_meeting_id="",
        online_passcode="",
        online_registration_url="https://zoom.example/register",
        interpretation_languages=[],
    )

    html = client.get(programme_url(conference)).content.decode()

    assert "In person and online; Interpretation: English &amp; Russian" in html
    assert '<a href="https://zoom.example/j/123" rel="noopener">Join via Zoom' in html
    assert "Passcode: 78170555" in html
    assert "Register for the Zoom link" in html


def test_programme_links_to_online_sign_up_where_the_link_is_sent_on_registration(
    client, conference
):
    session = factories.SessionFactory(
        conference=conference,
        online_meeting_id="",
        online_passcode="",
        online_link_on_registration=True,
    )
    signup_url = (
        reverse("registration:online", kwargs={"conference": conference.slug})
        + f"?session={session.slug}"
    )

    html = client.get(programme_url(conference)).content.decode()

    # One sign-up for the conference, this session ticked; on paper the link
    # prints its full address (data-print-href, site.css).
    assert (
        f'<a href="{signup_url}" data-print-href="http://testserver{signup_url}">'
        "Register for the Zoom link"
    ) in html


def test_programme_entry_names_room_kind_and_organisers(client, conference):
    session = factories.SessionFactory(
        conference=conference,
        slug="launch",
        title="Launch & debate",
        room__name="Bibliotheksaal",
        room__slug="bibliotheksaal",
    )
    for slug, name in (("uk", "UK"), ("unodc", "UNODC"), ("osce", "OSCE")):
        factories.SessionOrganiserFactory(
            session=session, organisation__slug=slug, organisation__short_name=name
        )

    html = client.get(programme_url(conference)).content.decode()

    assert (
        ' · <a href="/en/alliance-26/rooms/bibliotheksaal/">Bibliotheksaal</a>'
        ' · <span class="kind">Side event</span></p>'
    ) in html
    assert '<a href="/en/alliance-26/sessions/launch/">Launch &amp; debate</a>' in html
    assert (
        '<p class="organisers"><span class="label">Co-organisers:</span> '
        '<a href="/en/organisations/uk/">UK</a>, '
        '<a href="/en/organisations/unodc/">UNODC</a> and '
        '<a href="/en/organisations/osce/">OSCE</a></p>'
    ) in html


def test_programme_entry_in_russian(client, conference):
    factories.SessionFactory(conference=conference, slug="launch")
    with translation.override("ru"):
        url = programme_url(conference)

    html = client.get(url).content.decode()

    assert 'href="/ru/alliance-26/sessions/launch/"' in html
    # Lower case after the semicolon, "и" between the languages, not "&".
    assert "Очно и онлайн; устный перевод: английский и русский" in html


def test_session_page_in_russian_goes_on_in_lower_case_after_the_semicolon(
    client, conference
):
    session = factories.SessionFactory(
        conference=conference, slug="launch", interpretation_languages=["en", "ru"]
    )
    with translation.override("ru"):
        url = session.get_absolute_url()

    html = client.get(url).content.decode()

    assert "; устный перевод: английский и русский</p>" in html
    assert "; Устный перевод" not in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"day": "2026-04-21"}, ["Human cost of crime"]),
        ({"room": "side-room-1"}, ["Side event 1"]),
        ({"kind": "plenary"}, ["Opening plenary"]),
        ({"q": "human+cost"}, ["Human cost of crime"]),
    ],
)
def test_programme_filters_by_get_parameters(client, conference, params, expected):
    make_programme(conference)

    response = client.get(programme_url(conference, **params))

    assert titles(response) == expected


def test_programme_filters_by_organisation(client, conference):
    sessions = make_programme(conference)
    organiser = sessions[1].organisers.get().organisation

    response = client.get(programme_url(conference, organisation=organiser.slug))

    assert titles(response) == ["Side event 0"]


def test_programme_searches_people_and_organisers(client, conference):
    sessions = make_programme(conference)
    person = sessions[2].participations.get().person

    response = client.get(programme_url(conference, q=person.family_name))

    assert titles(response) == ["Side event 1"]


@pytest.mark.parametrize(
    "params",
    [
        {"day": "2026-13-45"},
        {"day": "2026-04-22"},
        {"room": "no-such-room"},
        {"kind": "party"},
        {"organisation": "nobody"},
        {"q": "x" * 300},
    ],
)
def test_programme_answers_bad_filters_with_an_empty_result(client, conference, params):
    make_programme(conference)

    response = client.get(programme_url(conference, **params))

    assert response.status_code == 200
    assert titles(response) == []
    assert "Some filter values are not valid" in response.content.decode()


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("side_events", [1, 3])
def test_programme_query_count_does_not_grow(
    client, conference, side_events, language, django_assert_num_queries
):
    make_programme(conference, side_events=side_events)
    with translation.override(language):
        url = programme_url(conference)

    # conference, sessions, organisers, rooms, organisations and the kinds held
    # for the filter; the ETag comes from the programme version, without a query.
    # Russian texts are columns of the same rows: the same count in both languages.
    with django_assert_num_queries(6):
        client.get(url)


def test_programme_sends_the_times_and_leaves_now_and_next_to_the_browser(
    client, conference, monkeypatch
):
    sessions = make_programme(conference)
    monkeypatch.setattr(timezone, "now", lambda: at(20, 11))
    morning = client.get(programme_url(conference))
    monkeypatch.setattr(timezone, "now", lambda: at(20, 17))
    afternoon = client.get(programme_url(conference))

    html = morning.content.decode()
    assert afternoon.content == morning.content
    assert afternoon["ETag"] == morning["ETag"]
    assert "marker--now" not in html
    assert "entry--next" not in html
    opening = sessions[0]
    assert f'data-start="{opening.start.astimezone(VIENNA).isoformat()}"' in html
    assert f'data-end="{opening.end.astimezone(VIENNA).isoformat()}"' in html


def test_programme_pdf_is_a_pdf(client, conference):
    make_programme(conference)

    response = client.get(
        reverse("events:programme_pdf", kwargs={"conference": conference.slug})
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"


# --- Session page ---------------------------------------------------------------


def test_session_page_shows_concept_note_agenda_and_people_by_role(client):
    session = factories.SessionFactory(
        title="Launch of the Study", room__name="Bibliotheksaal"
    )
    factories.SessionSectionFactory(session=session, title="Background")
    factories.AgendaItemFactory(
        session=session, title="Opening", start=at(20, 16, 45), end=at(20, 16, 55)
    )
    factories.SessionOrganiserFactory(
        session=session, organisation__name="UK Delegation to the OSCE"
    )
    factories.ParticipationFactory(
        session=session, role="moderator", person__family_name="Moderata"
    )
    factories.ParticipationFactory(
        session=session,
        role="speaker",
        joins_online=True,
        person__family_name="Speakerova",
    )

    response = client.get(session.get_absolute_url())

    assert response.status_code == 200
    assert [
        (label, [p.person.family_name for p in people])
        for label, people in response.context["roles"]
    ] == [
        ("Moderator", ["Moderata"]),
        ("Speaker", ["Speakerova"]),
    ]
    html = response.content.decode()
    assert ">Background</h2>" in html
    assert '<time datetime="2026-04-20T16:45:00+02:00">16:45</time>' in html
    assert "UK Delegation to the OSCE" in html
    assert "Bibliotheksaal" in html
    assert (
        reverse(
            "events:session_ical",
            kwargs={"conference": session.conference.slug, "session": session.slug},
        )
        in html
    )


def test_session_page_carries_schema_org_event(client):
    session = factories.SessionFactory(title="Launch </script> of the Study")
    factories.SessionOrganiserFactory(session=session, organisation__name="OSCE")

    html = client.get(session.get_absolute_url()).content.decode()

    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "Event"
    assert data["name"] == "Launch </script> of the Study"
    assert data["startDate"] == "2026-04-20T16:45:00+02:00"
    assert data["eventAttendanceMode"] == (
        "https://schema.org/MixedEventAttendanceMode"
    )
    assert data["organizer"] == [{"@type": "Organization", "name": "OSCE"}]


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("people", [1, 3])
def test_session_page_query_count_does_not_grow(
    client, people, language, django_assert_num_queries
):
    translation.activate(language)
    session = factories.SessionFactory()
    factories.ParticipationFactory.create_batch(people, session=session)
    factories.SessionOrganiserFactory.create_batch(people, session=session)
    factories.AgendaItemFactory.create_batch(people, session=session)

    # session, sections, organisers, agenda, participations, documents (ETag: no
    # query)
    with django_assert_num_queries(6):
        client.get(session.get_absolute_url())


def test_session_ics_holds_that_session(client):
    session = factories.SessionFactory(title="Launch of the Study")

    response = client.get(
        reverse(
            "events:session_ical",
            kwargs={"conference": session.conference.slug, "session": session.slug},
        )
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Launch of the Study"]
    assert events[0].decoded("DTSTART") == at(20, 16, 45)


# --- Drafts, unknown addresses, languages, conditional GET ------------------------


def test_draft_session_is_hidden_from_the_public(client):
    session = factories.SessionFactory(is_published=False)

    assert client.get(session.get_absolute_url()).status_code == 404


def test_draft_conference_is_hidden_from_the_public(client):
    conference = factories.ConferenceFactory(status=Conference.Status.DRAFT)

    assert client.get(conference.get_absolute_url()).status_code == 404
    assert client.get(programme_url(conference)).status_code == 404


def test_staff_preview_drafts_with_a_banner(client, admin_user):
    session = factories.SessionFactory(is_published=False)
    client.force_login(admin_user)

    response = client.get(session.get_absolute_url())

    assert response.status_code == 200
    assert "Preview: this page is not published." in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/en/no-such-conference/",
        "/en/no-such-conference/programme/",
        "/en/no-such-conference/programme.pdf",
        "/en/no-such-conference/sessions/nothing/",
        "/en/no-such-conference/sessions/nothing.ics",
        "/en/no-such-conference/rooms/nothing/",
        "/en/organisations/nothing/",
        "/en/speakers/nobody/",
        "/en/speakers/?conference=nothing",
    ],
)
def test_unknown_addresses_give_a_friendly_404(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_interface_speaks_russian_under_ru_prefix(client, conference):
    make_programme(conference)
    with translation.override("ru"):
        url = programme_url(conference)

    html = client.get(url).content.decode()

    assert url.startswith("/ru/")
    assert '<html lang="ru">' in html
    assert "Программа" in html
    assert "Все дни" in html


def test_language_switcher_links_to_the_same_page(client, conference):
    html = client.get(programme_url(conference, day="2026-04-21")).content.decode()

    assert 'href="/ru/alliance-26/programme/?day=2026-04-21" hreflang="ru"' in html


def test_pages_answer_a_conditional_get_with_304(client, conference, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: at(19, 11))
    url = programme_url(conference)
    etag = client.get(url)["ETag"]

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304

    factories.SessionFactory(conference=conference)
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


# --- Organisations and rooms -------------------------------------------------------


def test_organisation_page_lists_its_sessions(client, conference):
    sessions = make_programme(conference)
    organisation = sessions[1].organisers.get().organisation

    response = client.get(
        reverse("events:organisation", kwargs={"organisation": organisation.slug})
    )

    assert list(response.context["sessions"]) == [sessions[1]]


def test_room_page_lists_its_sessions(client, conference):
    sessions = make_programme(conference)

    response = client.get(
        reverse(
            "events:room", kwargs={"conference": conference.slug, "room": "side-room-0"}
        )
    )

    assert list(response.context["sessions"]) == [sessions[1]]


@pytest.mark.parametrize("side_events", [1, 3])
def test_room_and_organisation_lists_query_count_does_not_grow(
    client, conference, side_events, django_assert_num_queries
):
    make_programme(conference, side_events=side_events)

    with django_assert_num_queries(2):
        client.get(reverse("events:rooms", kwargs={"conference": conference.slug}))
    with django_assert_num_queries(2):
        client.get(
            reverse("events:organisations", kwargs={"conference": conference.slug})
        )


def test_session_page_names_the_time_zone_without_nested_brackets(client):
    session = factories.SessionFactory(room__venue__city="Vienna")

    html = client.get(session.get_absolute_url()).content.decode()

    assert ", Vienna (CEST, UTC+02:00)</span>" in html
    assert "(Vienna (" not in html


def test_every_page_has_a_favicon(client):
    html = client.get(reverse("events:conference_list")).content.decode()

    assert 'rel="icon" href="/static/alliance/img/favicon.svg' in html


def test_session_page_says_co_organisers_as_the_programme_does(client):
    session = factories.SessionFactory()
    factories.SessionOrganiserFactory(session=session)
    factories.SessionOrganiserFactory(session=session)

    html = client.get(session.get_absolute_url()).content.decode()

    assert "<dt>Co-organisers</dt>" in html
    assert "<dt>Organisers</dt>" not in html


def test_the_pdf_heading_carries_title_dates_and_venue_and_links_their_address(
    client, conference
):
    import io

    import pypdf

    make_programme(conference)
    factories.SessionFactory(
        conference=conference,
        title="Closing",
        start=at(21, 17),
        end=at(21, 17, 15),
        online_registration_url="https://zoom.example.org/register/closing",
    )
    response = client.get(
        reverse("events:programme_pdf", kwargs={"conference": conference.slug})
    )
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    first_page = reader.pages[0].extract_text()
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "26th Alliance conference" in first_page
    assert "20–21 April 2026 · Hofburg, Vienna" in first_page
    assert "https://zoom.example.org/register/closing" in text.replace("\n", "")
