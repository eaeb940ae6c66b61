from django.urls import path

from events import changes, downloads, feeds, my_programme, screens, views

app_name = "events"

urlpatterns = [
    path("", views.conference_list, name="conference_list"),
    path("archive/", views.archive, name="archive"),
    path(
        "organisations/<slug:organisation>/",
        views.organisation_detail,
        name="organisation",
    ),
    path("<slug:conference>/", views.conference_detail, name="conference"),
    path("<slug:conference>/programme/", views.programme, name="programme"),
    path(
        "<slug:conference>/my-programme/",
        views.public(my_programme.my_programme),
        name="my_programme",
    ),
    path(
        "<slug:conference>/my-programme/sw.js",
        my_programme.my_programme_worker,
        name="my_programme_worker",
    ),
    path(
        "<slug:conference>/changes/",
        views.public(changes.changes_page),
        name="changes",
    ),
    path(
        "<slug:conference>/feeds/",
        views.public(feeds.feeds_index),
        name="feeds",
    ),
    path("<slug:conference>/programme.pdf", views.programme_pdf, name="programme_pdf"),
    path(
        "<slug:conference>/organisations/",
        views.organisation_list,
        name="organisations",
    ),
    path(
        "<slug:conference>/documents/<int:document>/<str:filename>",
        downloads.document_download,
        name="document",
    ),
    path("<slug:conference>/rooms/", views.room_list, name="rooms"),
    path("<slug:conference>/screens/", screens.foyer_screen, name="foyer_screen"),
    path(
        "<slug:conference>/screens/<slug:room>/",
        screens.room_screen,
        name="room_screen",
    ),
    path("<slug:conference>/rooms/<slug:room>/", views.room_detail, name="room"),
    path(
        "<slug:conference>/sessions/<slug:session>/",
        views.session_detail,
        name="session",
    ),
    path(
        "<slug:conference>/sessions/<slug:session>.ics",
        views.session_ical,
        name="session_ical",
    ),
]
