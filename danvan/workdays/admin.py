from django.contrib import admin, messages
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from . import services
from .models import DayOff, WorkingDay


def _days(days):
    return ", ".join(date_format(day, "SHORT_DATE_FORMAT") for day in days)


class OverrideAdmin(admin.ModelAdmin):
    """Overrides are saved through the workdays services, which tell the apps that planned
    something on a day that stopped being a working day; the administrator is told what changed."""

    list_display = ["date", "name", "legal_basis"]
    date_hierarchy = "date"
    search_fields = ["name", "legal_basis"]

    def save_model(self, request, obj, form, change):
        self._tell(request, services.save_override(override=obj, actor=request.user))

    def delete_model(self, request, obj):
        self._tell(request, services.delete_override(override=obj, actor=request.user))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def _tell(self, request, report):
        if report.lines:
            items = format_html_join("", "<li>{}</li>", ((line,) for line in report.lines))
            title = _("What was planned on %(days)s has changed:") % {"days": _days(report.days_off)}
            self.message_user(request, format_html("{}<ul class='mb-0'>{}</ul>", title, items), messages.WARNING)
        elif report.days_off:
            self.message_user(
                request,
                _("%(days)s is no longer a working day; nothing was planned on it.") % {"days": _days(report.days_off)},
            )
        if report.working_days:
            self.message_user(
                request,
                _("%(days)s is now a working day: nothing already planned was moved or added.")
                % {"days": _days(report.working_days)},
            )


@admin.register(DayOff)
class DayOffAdmin(OverrideAdmin):
    pass


@admin.register(WorkingDay)
class WorkingDayAdmin(OverrideAdmin):
    pass
