from django.contrib import admin

from danvan.workdays.calendar import add_days_rolling

from .models import (
    DelegationMember,
    Finding,
    KheoModel,
    Recommendation,
    RecommendationKind,
    SupervisedUnit,
    Supervision,
    SupervisionProgramme,
)
from .services import WRITTEN_ANSWER_DAYS


@admin.register(SupervisionProgramme)
class SupervisionProgrammeAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "body", "resolution_number", "status"]
    list_filter = ["year", "status"]
    readonly_fields = ["status"]


class DelegationInline(admin.TabularInline):
    model = DelegationMember
    extra = 1


class SupervisedUnitInline(admin.TabularInline):
    model = SupervisedUnit
    extra = 1
    autocomplete_fields = ["unit"]


class FindingInline(admin.StackedInline):
    model = Finding
    extra = 1


@admin.register(Supervision)
class SupervisionAdmin(admin.ModelAdmin):
    list_display = ["topic", "programme", "kind", "status"]
    list_filter = ["kind", "status"]
    inlines = [DelegationInline, SupervisedUnitInline, FindingInline]
    readonly_fields = ["status", "times_reopened"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "addressed_to", "due_date", "status"]
    list_filter = ["kind", "status"]
    readonly_fields = ["status", "percent", "escalation_level", "written_answer_on"]
    autocomplete_fields = ["addressed_to", "body"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # The written answer to an interpellation is due 20 days after the question (same rule as the service).
        if obj.kind == RecommendationKind.COMMITMENT and obj.asked_on and not obj.written_answer_due:
            obj.written_answer_due = add_days_rolling(obj.asked_on, WRITTEN_ANSWER_DAYS)
        super().save_model(request, obj, form, change)


@admin.register(KheoModel)
class KheoModelAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "year", "field", "status"]
    list_filter = ["year", "field", "status"]
    readonly_fields = ["status", "carried_from"]
    autocomplete_fields = ["unit"]
