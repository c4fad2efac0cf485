from django.urls import path

from . import views

app_name = "reception"

urlpatterns = [
    path("", views.SessionListView.as_view(), name="sessions"),
    path("sessions/new/", views.AdHocSessionView.as_view(), name="add_session"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/visits/", views.record_visit, name="record_visit"),
    path("sessions/<int:pk>/status/", views.set_status, name="set_status"),
    path("sessions/<int:pk>/correction/", views.correct_status, name="correct_status"),
    path("visits/", views.VisitListView.as_view(), name="visits"),
    path("month/", views.session_month, name="month"),
    path("book.xlsx", views.reception_book, name="book"),
    path("compliance/", views.compliance, name="compliance"),
    path("voter-meetings/", views.VoterMeetingListView.as_view(), name="voter_meetings"),
    path("voter-meetings/new/", views.VoterMeetingCreateView.as_view(), name="add_voter_meeting"),
    path("voter-meetings/<int:pk>/", views.voter_meeting, name="voter_meeting"),
    path(
        "voter-meetings/<int:pk>/recommendations/",
        views.add_voter_recommendation,
        name="add_voter_recommendation",
    ),
]
