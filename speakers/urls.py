from django.urls import path

from speakers import views

app_name = "speakers"

urlpatterns = [
    path("", views.person_list, name="index"),
    path("<slug:person>/", views.person_detail, name="person"),
    path("<slug:person>/photo.jpg", views.person_photo, name="photo"),
]
