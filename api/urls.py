"""/api/v1/: the versioned API. DRF authenticates each request itself (token or session), so every view is
exempt from the portal's login redirect; the permission classes decide."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"


def _open(view):
    return login_not_required(view)


class DocsView(SpectacularSwaggerSplitView):
    # Swagger UI from drf-spectacular-sidecar (static files, no CDN), its settings loaded as a script file and
    # no inline style: the portal's Content Security Policy holds on this page too.
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
    authentication_classes = []
    permission_classes = []


urlpatterns = [
    path("petitions/", _open(views.PetitionList.as_view()), name="petitions"),
    path("petitions/<int:pk>/", _open(views.PetitionDetail.as_view()), name="petition"),
    path("petitions/<int:pk>/timeline/", _open(views.PetitionTimeline.as_view()), name="timeline"),
    path("petitions/<int:pk>/decisions/", _open(views.PetitionDecisions.as_view()), name="decisions"),
    path("reception/sessions/", _open(views.SessionList.as_view()), name="sessions"),
    path("reception/calendar/", _open(views.PublicCalendar.as_view()), name="calendar"),
    path("supervision/recommendations/", _open(views.RecommendationList.as_view()), name="recommendations"),
    path("reports/", _open(views.ReportFigures.as_view()), name="reports"),
    path("national/", _open(views.NationalExport.as_view()), name="national"),
    path("national/schema.json", _open(views.NationalSchema.as_view()), name="national_schema"),
    path("schema/", _open(SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[])), name="schema"),
    path("docs/", _open(DocsView.as_view()), name="docs"),
]
