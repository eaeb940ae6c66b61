from django.urls import path

from registration import views

app_name = "registration"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("i/<str:token>/", views.invitation_view, name="invitation"),
    path("i/<str:token>/decline/", views.decline, name="decline"),
    path("i/<str:token>/<int:pk>/change/", views.registration_edit, name="change"),
    path("i/<str:token>/<int:pk>/cancel/", views.registration_cancel, name="cancel"),
    path("i/<str:token>/<int:pk>/accept/", views.accept_offer, name="accept_offer"),
    path(
        "online/<slug:conference>/<slug:session>/",
        views.online_signup,
        name="online_signup",
    ),
    path("staff/<slug:conference>/", views.staff_home, name="staff"),
    path("staff/<slug:conference>/check-in/", views.checkin, name="checkin"),
    path("staff/<slug:conference>/badges.pdf", views.badges, name="badges"),
    path(
        "staff/<slug:conference>/export/<slug:report>.<str:fmt>",
        views.export,
        name="export",
    ),
]
