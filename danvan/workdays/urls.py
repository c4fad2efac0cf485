from django.urls import path

from . import views

app_name = "workdays"

urlpatterns = [
    path("", views.YearView.as_view(), name="year"),
    path("<int:year>/", views.YearView.as_view(), name="year"),
]
