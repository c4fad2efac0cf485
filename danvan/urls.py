from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from petitions import public
from reception import views as reception_views

from . import views
from .ops import views as ops_views

admin.site.site_header = _("Mass mobilisation portal – administration")
admin.site.site_title = _("Mass mobilisation portal")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", ops_views.healthz, name="healthz"),
    path("readyz", ops_views.readyz, name="readyz"),
    path("tra-cuu/", public.LookupView.as_view(), name="lookup"),
    path("tra-cuu/danh-gia/", public.RatingView.as_view(), name="rate"),
    path("tra-cuu/tin-nhan/", public.MessagesView.as_view(), name="citizen_messages"),
    path("gui-don/", public.SubmitView.as_view(), name="submit"),
    path("gui-don/bien-nhan/", public.ReceiptView.as_view(), name="submitted"),
    path("lich-tiep-cong-dan/", reception_views.PublicCalendarView.as_view(), name="calendar"),
    path("lich-tiep-cong-dan/<int:unit_id>.ics", reception_views.calendar_feed, name="calendar_feed"),
    path("reception/", include("reception.urls")),
    path("supervision/", include("supervision.urls")),
    path("mediation/", include("mediation.urls")),
    path("dialogues/", include("dialogues.urls")),
    path("", include("democracy.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("documents/", include("documents.urls")),
    path("accounts/", include("danvan.accounts.urls")),
    path("notifications/", include("danvan.notifications.urls")),
    path("days-off/", include("danvan.workdays.urls")),
    path("petitions/", include("petitions.urls")),
    path("api/v1/", include("api.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    path("favicon.ico", views.favicon),
]
