from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path(
        "petitions/<int:pk>/<slug:kind>/<slug:source>.<slug:file_format>",
        views.petition_document,
        name="petition",
    ),
    path("report.<slug:file_format>", views.report_document, name="report"),
    path("register.xlsx", views.register_export, name="register"),
    path("exports/<int:pk>/", views.export_page, name="export"),
    path("exports/<int:pk>/status/", views.export_status, name="export_status"),
    path("exports/<int:pk>/file/", views.export_file, name="export_file"),
]
