from django.urls import path

from registration.views import door, invitee, online, staff

app_name = "registration"

urlpatterns = [
    path("privacy/", online.privacy, name="privacy"),
    path("i/<str:token>/", invitee.invitation_view, name="invitation"),
    path("i/<str:token>/decline/", invitee.decline, name="decline"),
    path("i/<str:token>/<int:pk>/change/", invitee.registration_edit, name="change"),
    path("i/<str:token>/<int:pk>/cancel/", invitee.registration_cancel, name="cancel"),
    path("i/<str:token>/<int:pk>/accept/", invitee.accept_offer, name="accept_offer"),
    path("online/<slug:conference>/", online.online_conference, name="online"),
    path(
        "online/<slug:conference>/<slug:session>/",
        online.online_signup,
        name="online_signup",
    ),
    path("staff/<slug:conference>/", staff.staff_home, name="staff"),
    path("staff/<slug:conference>/check-in/", staff.checkin, name="checkin"),
    path(
        "staff/<slug:conference>/check-in/scan/",
        door.checkin_scan,
        name="checkin_scan",
    ),
    path(
        "staff/<slug:conference>/check-in/manifest.webmanifest",
        door.checkin_manifest,
        name="checkin_manifest",
    ),
    path(
        "staff/<slug:conference>/check-in/sw.js",
        door.checkin_worker,
        name="checkin_worker",
    ),
    path("staff/<slug:conference>/badges.pdf", staff.badges, name="badges"),
    path(
        "staff/<slug:conference>/export/<slug:report>.<str:fmt>",
        staff.export,
        name="export",
    ),
]
