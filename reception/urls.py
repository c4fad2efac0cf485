from django.urls import path

from . import views

app_name = "reception"

urlpatterns = [
    path("", views.PublicCalendarView.as_view(), name="calendar"),
    path("<int:unit_id>.ics", views.calendar_feed, name="feed"),
]
