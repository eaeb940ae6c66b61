from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.conference_list, name="conference_list"),
    path("<slug:conference>/", views.conference_detail, name="conference"),
    path(
        "<slug:conference>/sessions/<slug:session>/",
        views.session_detail,
        name="session",
    ),
]
