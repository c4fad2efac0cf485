from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("supervisions/<int:pk>/", views.supervision, name="supervision"),
    path("recommendations/<int:pk>/", views.recommendation, name="recommendation"),
    path("recommendations/<int:pk>/progress/", views.record_progress, name="record_progress"),
    path("recommendations/<int:pk>/written-answer/", views.record_written_answer, name="written_answer"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("recommendations.xlsx", views.export_recommendations, name="export"),
    path("models/", views.model_registry, name="models"),
]
