"""Supervision records in the admin: to look at only. Every change has its page and its service,
which checks the step and writes the history row; the admin would bypass both."""

from django.contrib import admin

from .models import (
    AnswerPeriod,
    DelegationMember,
    Finding,
    Initiative,
    Recommendation,
    SupervisedUnit,
    Supervision,
    SupervisionProgramme,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SupervisionProgramme)
class SupervisionProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["year", "title", "body", "resolution_number", "status"]
    list_filter = ["year", "status"]


class DelegationInline(ReadOnlyInline):
    model = DelegationMember


class SupervisedUnitInline(ReadOnlyInline):
    model = SupervisedUnit


class FindingInline(ReadOnlyInline):
    model = Finding


@admin.register(Supervision)
class SupervisionAdmin(ReadOnlyAdmin):
    list_display = ["topic", "programme", "kind", "status"]
    list_filter = ["kind", "status"]
    inlines = [DelegationInline, SupervisedUnitInline, FindingInline]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["text", "kind", "addressed_to", "due_date", "status"]
    list_filter = ["kind", "status"]


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "year", "field", "status"]
    list_filter = ["year", "field", "status"]


@admin.register(AnswerPeriod)
class AnswerPeriodAdmin(admin.ModelAdmin):
    """The interpellation answer period is data the administrator keeps: a change in the law is a new row."""

    list_display = ["name", "days", "valid_from", "valid_to", "legal_basis"]
