from django.contrib import admin

from . import services
from .models import ReceptionDuty, ReceptionNorm, ReceptionSchedule, ReceptionSession, VoterMeeting


@admin.register(ReceptionSchedule)
class ReceptionScheduleAdmin(admin.ModelAdmin):
    list_display = ["name", "recurrence", "days_of_month", "presiding_position", "place", "is_published"]
    filter_horizontal = ["hosts"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Sessions for the coming months appear as soon as the schedule is saved.
        services.materialise_sessions(schedule=form.instance)


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(admin.ModelAdmin):
    list_display = ["date", "place", "presiding_position", "status", "is_ad_hoc", "is_published"]
    list_filter = ["status", "is_ad_hoc"]
    date_hierarchy = "date"
    filter_horizontal = ["hosts"]
    readonly_fields = ["status", "status_reason", "presided_by", "rule_date", "schedule"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReceptionNorm)
class ReceptionNormAdmin(admin.ModelAdmin):
    list_display = ["position", "required_days", "period", "may_delegate", "valid_from", "valid_to"]


@admin.register(ReceptionDuty)
class ReceptionDutyAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "position", "valid_from", "valid_to"]
    autocomplete_fields = ["user", "unit"]


@admin.register(VoterMeeting)
class VoterMeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "place", "council", "council_session", "next_session_date"]
    readonly_fields = ["petitions"]
