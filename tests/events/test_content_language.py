"""The programme's content in the reader's language, on every output."""

import datetime as dt
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from events.content_language import fallback_lang, shown_language
from tests import factories

pytestmark = pytest.mark.django_db

VIENNA = factories.VIENNA


@pytest.fixture(autouse=True)
def _english_first(settings) -> None:
    settings.PUBLIC_CACHE_ENABLED = False
    translation.activate("en")


@pytest.fixture
def session():
    conference = factories.ConferenceFactory(
        slug="alliance-26",
        title_en="26th Alliance against Trafficking in Persons conference",
        title_ru="26-я конференция Альянса против торговли людьми",
        start_date=dt.date(2026, 4, 20),
        end_date=dt.date(2026, 4, 21),
        venue__name_en="Hofburg",
        venue__name_ru="Хофбург",
        venue__city_en="Vienna",
        venue__city_ru="Вена",
    )
    session = factories.SessionFactory(
        conference=conference,
        slug="launch",
        title_en="Launch of the Study on Cyber Scam Operations",
        title_ru="Презентация исследования о кибермошеннических центрах",
        description_en="A study on forced criminality.",
        start=dt.datetime(2026, 4, 20, 16, 45, tzinfo=VIENNA),
        end=dt.datetime(2026, 4, 20, 17, 45, tzinfo=VIENNA),
        room__venue=conference.venue,
        room__name_en="Bibliotheksaal",
        room__name_ru="Библиотечный зал",
    )
    factories.AgendaItemFactory(
        session=session, title_en="Opening remarks", title_ru="Вступительное слово"
    )
    return session


def test_fallback_is_english_marked_only_where_russian_is_missing(session):
    with translation.override("ru"):
        assert (session.title, shown_language(session, "title")) == (
            "Презентация исследования о кибермошеннических центрах",
            "ru",
        )
        assert (session.description, fallback_lang(session, "description")) == (
            "A study on forced criminality.",
            "en",
        )
    with translation.override("en"):
        assert fallback_lang(session, "description") == ""
    with translation.override("de"):
        # German is offered for the interface only: content is English, marked.
        assert (session.title, fallback_lang(session, "title")) == (
            "Launch of the Study on Cyber Scam Operations",
            "en",
        )


def test_session_page_in_russian_marks_the_english_fallback(client, session):
    with translation.override("ru"):
        url = session.get_absolute_url()

    html = client.get(url).content.decode()

    assert "<h1>Презентация исследования о кибермошеннических центрах</h1>" in html
    assert '<div lang="en"><p>A study on forced criminality.</p></div>' in html
    assert ">Библиотечный зал</a>, <span>Хофбург</span>" in html
    assert "<strong>Вступительное слово</strong>" in html
    assert "Понедельник, 20 апреля 2026, 16:45" in html


def test_programme_page_in_russian(client, session):
    factories.SessionFactory(
        conference=session.conference,
        slug="untranslated",
        title_en="Only in English",
        start=dt.datetime(2026, 4, 21, 9, tzinfo=VIENNA),
        end=dt.datetime(2026, 4, 21, 10, tzinfo=VIENNA),
        room=session.room,
    )
    with translation.override("ru"):
        url = reverse("events:programme", kwargs={"conference": "alliance-26"})

    html = client.get(url).content.decode()

    assert "День 1 – понедельник, 20 апреля 2026</h2>" in html
    assert "День 2 – вторник, 21 апреля 2026</h2>" in html
    assert (
        '<a href="/ru/alliance-26/sessions/launch/">'
        "Презентация исследования о кибермошеннических центрах</a>"
    ) in html
    assert (
        '<a href="/ru/alliance-26/sessions/untranslated/" lang="en">Only in English</a>'
    ) in html
    assert "Указано местное время: Вена" in html
    assert "Апрел" not in html


def test_conference_page_in_russian_dates_with_genitive_month(client, session):
    with translation.override("ru"):
        url = session.conference.get_absolute_url()

    html = client.get(url).content.decode()

    assert "<h1>26-я конференция Альянса против торговли людьми</h1>" in html
    assert re.search(r">20</time>–<time [^>]*>21 апреля 2026</time>", html)
    assert "<span>Хофбург</span>, <span>Вена</span>" in html


def test_german_dates_and_conjunction(client, session):
    with translation.override("de"):
        url = reverse("events:programme", kwargs={"conference": "alliance-26"})

    html = client.get(url).content.decode()

    assert "Montag, 20. April 2026</h2>" in html
    assert "Englisch und Russisch" in html


@pytest.mark.parametrize(
    ("headers", "query"),
    [({"HTTP_ACCEPT_LANGUAGE": "ru"}, ""), ({}, "?lang=ru")],
)
def test_api_answers_in_the_language_asked_and_names_it(
    api_client, session, headers, query
):
    response = api_client.get(f"/api/v1/sessions/{session.pk}/{query}", **headers)

    assert response.status_code == 200
    assert response.json()["title"] == (
        "Презентация исследования о кибермошеннических центрах"
    )
    assert response["Content-Language"] == "ru"
    assert "Accept-Language" in response["Vary"]


def test_api_lang_parameter_beats_accept_language(api_client, session):
    response = api_client.get(
        f"/api/v1/sessions/{session.pk}/?lang=en", HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert response.json()["title"] == "Launch of the Study on Cyber Scam Operations"
    assert response["Content-Language"] == "en"


def test_unknown_language_is_a_400_naming_the_parameter(api_client, session):
    response = api_client.get("/api/v1/sessions/?lang=xx")

    assert response.status_code == 400
    assert list(response.json()) == ["lang"]


def test_api_languages_have_their_own_etags(api_client, session, settings):
    settings.PUBLIC_CACHE_ENABLED = True
    english = api_client.get("/api/v1/sessions/")
    russian = api_client.get("/api/v1/sessions/", HTTP_ACCEPT_LANGUAGE="ru")
    by_parameter = api_client.get("/api/v1/sessions/?lang=ru")

    assert english["ETag"] != russian["ETag"]
    assert by_parameter.json()["results"][0]["title"].startswith("Презентация")
    assert english.json()["results"][0]["title"].startswith("Launch")


def test_openapi_schema_documents_the_language(api_client):
    schema = api_client.get("/api/v1/schema/?format=json")

    parameters = schema.json()["paths"]["/api/v1/sessions/"]["get"]["parameters"]
    names = {(p["name"], p["in"]) for p in parameters}
    assert {("lang", "query"), ("Accept-Language", "header")} <= names


@pytest.mark.parametrize(
    ("headers", "query"),
    [({"HTTP_ACCEPT_LANGUAGE": "ru"}, ""), ({}, "?lang=ru")],
)
def test_ical_feed_in_russian(client, session, headers, query):
    response = client.get(f"/feeds/alliance-26/schedule.ics{query}", **headers)

    calendar = Calendar.from_ical(response.content)
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["SUMMARY"]) == (
        "Презентация исследования о кибермошеннических центрах"
    )
    assert "Библиотечный зал" in str(event["LOCATION"])
    assert response["Content-Language"] == "ru"


def test_schedule_files_in_russian(client, session):
    as_json = client.get("/feeds/alliance-26/schedule.json?lang=ru").json()
    as_xml = client.get("/feeds/alliance-26/schedule.xml?lang=ru").content.decode()

    day = as_json["schedule"]["conference"]["days"][0]
    events = [event for room in day["rooms"].values() for event in room]
    assert events[0]["title"] == "Презентация исследования о кибермошеннических центрах"
    assert as_json["schedule"]["conference"]["title"] == (
        "26-я конференция Альянса против торговли людьми"
    )
    assert (
        "<title>Презентация исследования о кибермошеннических центрах</title>" in as_xml
    )


def test_feed_language_variants_have_their_own_etags(client, session):
    english = client.get("/feeds/alliance-26/schedule.ics")
    russian = client.get("/feeds/alliance-26/schedule.ics?lang=ru")

    assert english["ETag"] != russian["ETag"]
    assert json.dumps(english.content.decode()) != json.dumps(russian.content.decode())


def test_programme_pdf_in_russian(client, session):
    from pypdf import PdfReader  # xhtml2pdf's own dependency reads the PDF back

    with translation.override("ru"):
        url = reverse("events:programme_pdf", kwargs={"conference": "alliance-26"})

    response = client.get(url)

    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    text = " ".join(text.split())
    assert "Презентация исследования о кибермошеннических центрах" in text
    assert "понедельник, 20 апреля 2026" in text
    assert "Библиотечный зал" in text


def test_room_organisation_and_person_pages_mark_english_fallbacks(client, session):
    organisation = factories.OrganisationFactory(
        slug="iom", name_en="International Organization for Migration"
    )
    factories.SessionOrganiserFactory(session=session, organisation=organisation)
    person = factories.ParticipationFactory(
        session=session, person__position_en="Programme officer"
    ).person
    with translation.override("ru"):
        room_url = reverse(
            "events:room",
            kwargs={"conference": "alliance-26", "room": session.room.slug},
        )
        organisation_url = reverse(
            "events:organisation", kwargs={"organisation": "iom"}
        )
        person_url = person.get_absolute_url()

    room = client.get(room_url).content.decode()
    organisation_page = client.get(organisation_url).content.decode()
    person_page = client.get(person_url).content.decode()

    assert "<h1><span>Библиотечный зал</span>" in room
    assert (
        '<h1><span lang="en">International Organization for Migration</span>'
        in organisation_page
    )
    assert '<p class="position" lang="en">Programme officer</p>' in person_page


def test_russian_lists_order_by_the_text_shown(client, session):
    conference = session.conference
    for slug, english, russian in (
        ("osce", "Organization for Security and Co-operation in Europe", "ОБСЕ"),
        ("coe", "Council of Europe", "Совет Европы"),
        ("zonta", "Zonta International", None),
        ("amnesty", "Amnesty International", "Amnesty International"),
    ):
        factories.SessionOrganiserFactory(
            session=session,
            organisation__slug=slug,
            organisation__name_en=english,
            organisation__name_ru=russian,
        )
    from events.selectors import organisations_of

    with translation.override("ru"):
        names = [o.name for o in organisations_of(conference.sessions.all())]

    # By the name shown: the untranslated one is neither first nor last for its NULL.
    assert names == [
        "Amnesty International",
        "Zonta International",
        "ОБСЕ",
        "Совет Европы",
    ]
