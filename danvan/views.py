"""Project-level pages."""

from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView

from danvan.accounts.roles import roles_of
from danvan.accounts.selectors import memberships_of
from danvan.notifications.selectors import notifications_for
from danvan.workdays.calendar import WorkCalendar

UPCOMING_DAYS = 45


@login_not_required
def csrf_failure(request, reason=""):
    """A form came back without a valid CSRF token: explain it in the portal's layout (CSRF_FAILURE_VIEW).

    The reason is English for developers; CsrfViewMiddleware has already logged it to django.security.csrf.
    """
    referer = request.META.get("HTTP_REFERER", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return render(request, "403_csrf.html", {"back_url": referer if referer and same_site else ""}, status=403)


@login_not_required
def home(request):
    """Officials land on their work; everyone else on the citizens' page."""
    if request.user.is_authenticated:
        return HomeView.as_view()(request)
    return render(request, "public/home.html")


class HomeView(TemplateView):
    """What an official sees first: who they are here, what is new, and the calendar."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        calendar = WorkCalendar()
        return super().get_context_data(
            today=today,
            today_off_reason=calendar.reason_off(today),
            next_working_day=calendar.next_working_day(today, include_self=False),
            upcoming_days_off=_upcoming_special_days(calendar, today),
            roles=sorted(roles_of(user), key=lambda role: role.label),
            memberships=memberships_of(user),
            latest_notifications=notifications_for(user)[:5],
            **kwargs,
        )


def _upcoming_special_days(calendar, today):
    end = today + timedelta(days=UPCOMING_DAYS)
    rows = calendar.special_days(today.year)
    if end.year != today.year:
        rows += calendar.special_days(end.year)
    return [row for row in rows if today <= row[0] <= end]


@login_not_required
def favicon(request):
    """The icon for pages that name none (the admin's): browsers ask for /favicon.ico.
    Resolved per request, as the collected (hashed) file name is known only once static files are collected."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
