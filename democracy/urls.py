from django.urls import path

from . import views

app_name = "democracy"

urlpatterns = [
    # The citizens' pages (no login).
    path("cong-khai/", views.PublicDisclosureListView.as_view(), name="public_disclosures"),
    path("cong-khai/tra-loi-kien-nghi/", views.PublicAnswerListView.as_view(), name="public_answers"),
    # The officials' pages.
    path("democracy/disclosures/", views.DisclosureListView.as_view(), name="disclosures"),
    path("democracy/disclosures/new/", views.DisclosureCreateView.as_view(), name="record_disclosure"),
    path("democracy/publications/", views.PublicationListView.as_view(), name="publications"),
    path("democracy/publications/<int:pk>/", views.publication, name="publication"),
    path("democracy/publications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("democracy/publish/answer/<int:pk>/", views.publish_answer, name="publish_answer"),
    path("democracy/publish/result/<int:pk>/", views.publish_result, name="publish_result"),
    path("democracy/consultations/", views.ConsultationListView.as_view(), name="consultations"),
    path("democracy/consultations/new/", views.ConsultationCreateView.as_view(), name="plan_consultation"),
    path("democracy/consultations/<int:pk>/", views.consultation, name="consultation"),
    path("democracy/consultations/<int:pk>/open/", views.open_consultation, name="open_consultation"),
    path("democracy/consultations/<int:pk>/result/", views.conclude_consultation, name="conclude_consultation"),
    path("democracy/consultations/<int:pk>/cancel/", views.cancel_consultation, name="cancel_consultation"),
    path("democracy/boards/", views.BoardListView.as_view(), name="boards"),
    path("democracy/boards/new/", views.BoardCreateView.as_view(), name="establish_board"),
    path("democracy/boards/<int:pk>/", views.board, name="board"),
    path("democracy/boards/<int:pk>/members/", views.add_member, name="add_member"),
]
