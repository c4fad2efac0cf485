from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.PetitionListView.as_view(), name="list"),
    path("new/", views.PetitionCreateView.as_view(), name="create"),
    path("export.xlsx", views.export_register, name="export"),
    path("saved-filters/", views.save_filter, name="save_filter"),
    path("saved-filters/<int:pk>/delete/", views.delete_filter, name="delete_filter"),
    path("identity-log/", views.IdentityLogView.as_view(), name="identity_log"),
    path("moved-deadlines/", views.moved_deadlines, name="moved_deadlines"),
    path("moved-deadlines/<int:pk>/", views.decide_moved_deadline, name="decide_moved_deadline"),
    path("communes/", views.communes, name="communes"),
    path("similar/", views.similar, name="similar"),
    path("<int:pk>/", views.PetitionDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PetitionUpdateView.as_view(), name="edit"),
    path("<int:pk>/receipt/", views.ReceiptView.as_view(), name="receipt"),
    path("<int:pk>/deadlines/", views.DeadlineView.as_view(), name="deadlines"),
    path("<int:pk>/step/<slug:name>/", views.petition_step, name="step"),
    path("<int:pk>/attachments/", views.add_attachments, name="add_attachments"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.download_attachment, name="attachment"),
]
