from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("supervisions/<int:pk>/", views.supervision, name="supervision"),
    path("supervisions/<int:pk>/status/", views.change_status, name="change_status"),
    path("supervisions/<int:pk>/documents/", views.upload_document, name="upload_document"),
    path("supervisions/<int:pk>/recommendations/", views.add_recommendation, name="add_recommendation"),
    path("recommendations/<int:pk>/", views.recommendation, name="recommendation"),
    path("recommendations/<int:pk>/progress/", views.record_progress, name="record_progress"),
    path("recommendations/<int:pk>/written-answer/", views.record_written_answer, name="written_answer"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("models/evidence/<int:pk>/", views.model_evidence_file, name="model_evidence_file"),
    path("recommendations.xlsx", views.export_recommendations, name="export"),
    path("commitments/", views.commitments, name="commitments"),
    path("models/", views.model_registry, name="models"),
    path("models/register/", views.register_model, name="register_model"),
    path("models/carry-over/", views.carry_over, name="carry_over"),
    path("models/<int:pk>/status/", views.advance_model, name="advance_model"),
    path("models/<int:pk>/evidence/", views.model_evidence, name="model_evidence"),
    path("models.xlsx", views.export_models, name="export_models"),
]
