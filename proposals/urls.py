from django.urls import path

from proposals import views

app_name = "proposals"

urlpatterns = [
    path("p/<str:token>/", views.edit, name="edit"),
    path("staff/<slug:conference>/", views.staff_table, name="staff"),
    path("staff/<slug:conference>/export.xlsx", views.export, name="export"),
    path("staff/<slug:conference>/<int:pk>/", views.review, name="review"),
    path("staff/<slug:conference>/<int:pk>/decision/", views.decision, name="decision"),
    path("<slug:conference>/link/", views.resend, name="resend"),
    path("<slug:conference>/", views.call, name="call"),
]
