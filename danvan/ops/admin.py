from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AnonymisedRecord, JobRun, RetentionRule, RetentionRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """Read only: the jobs record their own runs."""

    list_display = ["task", "last_started_at", "last_succeeded_at", "last_failed_at", "last_error", "runs"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """Kept by administrators; every change is audited (danvan.ops.audit). A rule is never deleted here: a
    kind without a rule keeps its petitioners' data for good, which no one should bring about by a click."""

    list_display = ["kind", "years", "legal_basis", "is_default"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    """Read only: the retention job records its own runs."""

    list_display = ["started_at", "finished_at", "petitions_total", "visits", "files_removed", "errors"]
    fields = ["started_at", "finished_at", "petitions", "visits", "files_removed", "errors", "error_details"]
    readonly_fields = fields

    @admin.display(description=_("petitions anonymised"))
    def petitions_total(self, obj):
        return obj.petitions_total

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AnonymisedRecord)
class AnonymisedRecordAdmin(RetentionRunAdmin):
    """Read only: which petition or visit each run anonymised."""

    list_display = ["record", "object_id", "kind", "closed_on", "run", "anonymised_at"]
    list_filter = ["record", "kind"]
    fields = list_display
    readonly_fields = fields
