from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="programmes"),
    path("programmes/new/", views.ProgrammeCreateView.as_view(), name="create_programme"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("programmes/<int:pk>/adopt/", views.adopt_programme, name="adopt_programme"),
    path("programmes/<int:pk>/supervisions/", views.add_supervision, name="add_supervision"),
    path("supervisions/<int:pk>/", views.supervision, name="supervision"),
    path("supervisions/<int:pk>/status/", views.change_status, name="change_status"),
    path("supervisions/<int:pk>/documents/", views.upload_document, name="upload_document"),
    path("supervisions/<int:pk>/delegation/", views.add_delegation_member, name="add_delegation_member"),
    path("supervisions/<int:pk>/units/", views.add_supervised_unit, name="add_supervised_unit"),
    path("supervisions/<int:pk>/findings/", views.add_finding, name="add_finding"),
    path("supervisions/<int:pk>/recommendations/", views.add_recommendation, name="add_recommendation"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("recommendations/", views.RecommendationListView.as_view(), name="recommendations"),
    path("recommendations/<int:pk>/", views.recommendation, name="recommendation"),
    path("recommendations/<int:pk>/progress/", views.record_progress, name="record_progress"),
    path("recommendations/<int:pk>/written-answer/", views.record_written_answer, name="written_answer"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("recommendations.xlsx", views.export_recommendations, name="export"),
    path("commitments/", views.CommitmentListView.as_view(), name="commitments"),
    path("commitments/new/", views.CommitmentCreateView.as_view(), name="record_commitment"),
    path("initiatives/", views.InitiativeRegistryView.as_view(), name="initiatives"),
    path("initiatives/new/", views.InitiativeCreateView.as_view(), name="register_initiative"),
    path("initiatives/carry-over/", views.carry_over, name="carry_over"),
    path("initiatives/<int:pk>/", views.initiative, name="initiative"),
    path("initiatives/<int:pk>/status/", views.advance_initiative, name="advance_initiative"),
    path("initiatives/<int:pk>/evidence/", views.add_initiative_evidence, name="initiative_evidence"),
    path("initiatives/evidence/<int:pk>/", views.initiative_evidence_file, name="initiative_evidence_file"),
    path("initiatives.xlsx", views.export_initiatives, name="export_initiatives"),
]
