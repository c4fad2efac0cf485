from django.urls import path

from . import views

app_name = "mediation"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="cases"),
    path("cases/new/", views.CaseCreateView.as_view(), name="add_case"),
    path("cases/from-petition/", views.FromPetitionView.as_view(), name="from_petition"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/start/", views.start, name="start"),
    path("cases/<int:pk>/outcome/", views.conclude, name="conclude"),
    path("cases/<int:pk>/petition/", views.lodge_petition, name="lodge_petition"),
    path("cases/<int:pk>/minutes/", views.minutes_file, name="minutes"),
    path("teams/", views.TeamListView.as_view(), name="teams"),
    path("teams/new/", views.TeamCreateView.as_view(), name="add_team"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("teams/<int:pk>/mediators/", views.add_mediator, name="add_mediator"),
    path("teams/<int:pk>/end-term/", views.end_term, name="end_term"),
    path("teams/<int:pk>/recognition/", views.recognise, name="recognise"),
    path("teams/<int:pk>/dissolution/", views.dissolve, name="dissolve"),
    path("figures/", views.figures, name="figures"),
    path("figures.xlsx", views.figures_xlsx, name="figures_xlsx"),
]
