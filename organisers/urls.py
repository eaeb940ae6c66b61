from django.urls import path

from organisers import views

app_name = "organisers"

urlpatterns = [
    path("session/<str:token>/", views.portal, name="portal"),
    path("speaker/<str:token>/", views.confirm, name="confirm"),
]
