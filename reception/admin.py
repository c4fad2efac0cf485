from django.contrib import admin

from . import permissions, services
from .models import ReceptionDuty, ReceptionNorm, ReceptionSchedule, ReceptionSession, VoterMeeting


class ReadOnlyWorkflowAdmin(admin.ModelAdmin):
    """Sessions and voter meetings change only through the services (which keep their history):
    administrators read them here, nobody adds, edits or deletes them."""

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_in_admin(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReceptionSchedule)
class ReceptionScheduleAdmin(admin.ModelAdmin):
    list_display = ["name", "recurrence", "days_of_month", "presiding_position", "place", "is_published"]
    search_fields = ["name", "place"]
    filter_horizontal = ["hosts"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Sessions for the coming months appear as soon as the schedule is saved.
        services.materialise_sessions(schedule=form.instance, actor=request.user)


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(ReadOnlyWorkflowAdmin):
    list_display = ["date", "moved_from", "place", "presiding_position", "status", "is_ad_hoc", "is_published"]
    list_filter = ["status", "is_ad_hoc"]
    search_fields = ["place", "presiding_position"]
    date_hierarchy = "date"


@admin.register(ReceptionNorm)
class ReceptionNormAdmin(admin.ModelAdmin):
    """Norms are dated data: a changed rule is a new row from its date, the old one closed the day before,
    so compliance for past years keeps the norm that was in force."""

    list_display = ["position", "required_days", "period", "may_delegate", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["position", "period"]
    search_fields = ["legal_basis"]


@admin.register(ReceptionDuty)
class ReceptionDutyAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "position", "valid_from", "valid_to"]
    autocomplete_fields = ["user", "unit"]


@admin.register(VoterMeeting)
class VoterMeetingAdmin(ReadOnlyWorkflowAdmin):
    list_display = ["date", "place", "council", "council_session", "next_session_date"]
    list_select_related = ["council"]
    search_fields = ["place", "council_session", "deputies"]
    date_hierarchy = "date"
