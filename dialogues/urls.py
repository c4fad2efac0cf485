from django.urls import path

from . import views

app_name = "dialogues"

urlpatterns = [
    path("", views.DialogueListView.as_view(), name="dialogues"),
    path("new/", views.DialogueCreateView.as_view(), name="plan"),
    path("<int:pk>/", views.dialogue, name="dialogue"),
    path("<int:pk>/held/", views.record_held, name="record_held"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/issues/", views.add_issue, name="add_issue"),
    path("<int:pk>/commitments/", views.add_commitment, name="add_commitment"),
    path("commitments/", views.CommitmentListView.as_view(), name="commitments"),
    path("commitments/<int:pk>/", views.commitment, name="commitment"),
    path("commitments/<int:pk>/done/", views.complete_commitment, name="complete_commitment"),
    path("figures/", views.figures, name="figures"),
]
