from django.http import Http404
from django.utils import timezone
from django.views.generic import TemplateView

from danvan.accounts.roles import Role, has_role

from . import selectors
from .calendar import WorkCalendar

FIRST_YEAR, LAST_YEAR = 2000, 2100


class YearView(TemplateView):
    """The year's holidays, extra days off and swapped working days."""

    template_name = "workdays/year.html"

    def get_context_data(self, **kwargs):
        year = kwargs.pop("year", None) or timezone.localdate().year
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Http404
        user = self.request.user
        return super().get_context_data(
            year=year,
            special_days=WorkCalendar().special_days(year),
            days_to_confirm=selectors.days_to_confirm_of_year(year),
            can_edit=user.is_staff and (user.is_superuser or has_role(user, Role.ADMINISTRATOR)),
            **kwargs,
        )
