"""Feed and schedule URLs, included outside the language prefix (see feeds.py)."""

from django.urls import path

from events import changes, feeds, my_programme

app_name = "feeds"

urlpatterns = [
    path("<slug:conference>/", feeds.feeds_index_redirect, name="index"),
    path(
        "<slug:conference>/schedule.ics", feeds.conference_ical, name="conference_ical"
    ),
    path("<slug:conference>/changes.atom", changes.changes_atom, name="changes_atom"),
    path("<slug:conference>/schedule.xml", feeds.schedule_xml, name="schedule_xml"),
    path("<slug:conference>/schedule.json", feeds.schedule_json, name="schedule_json"),
    path("<slug:conference>/days/<str:day>.ics", feeds.day_ical, name="day_ical"),
    path("<slug:conference>/rooms/<slug:room>.ics", feeds.room_ical, name="room_ical"),
    path(
        "<slug:conference>/organisations/<slug:organisation>.ics",
        feeds.organisation_ical,
        name="organisation_ical",
    ),
    path(
        "<slug:conference>/people/<slug:person>.ics",
        feeds.person_ical,
        name="person_ical",
    ),
    path(
        "<slug:conference>/my/<str:key>.ics",
        my_programme.my_ical,
        name="my_ical",
    ),
    path(
        "<slug:conference>/sessions/<slug:session>.ics",
        feeds.session_ical,
        name="session_ical",
    ),
]
