from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Role, has_role

from .models import (
    Category,
    DeadlineRule,
    DialogueRule,
    GroupRepresentationRule,
    LimitationRule,
    Petition,
    PetitionDeadline,
    PetitionLimitation,
    PetitionPolicy,
    PetitionReader,
    ReaderViewing,
    SavedFilter,
    Withdrawal,
    WithdrawalRule,
)
from .selectors import petitions_visible_to, reader_viewings_visible_to, readers_visible_to


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return False  # petitions refer to it; retire it with "in use" instead


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "stage", "condition", "days", "counting_unit", "valid_from", "valid_to"]
    list_filter = ["stage", "kind", "counting_unit", "condition"]
    search_fields = ["name", "legal_basis"]

    def get_readonly_fields(self, request, obj=None):
        # A rule that produced deadlines keeps its substance, so every issued
        # deadline can still be explained; it can only be ended (valid_to).
        if obj is not None and PetitionDeadline.objects.filter(rule=obj).exists():
            return [f.name for f in DeadlineRule._meta.fields if f.name not in ("id", "valid_to")]
        return []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PetitionPolicy)
class PetitionPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group_threshold", "duplicate_lookback_days", "max_attachment_mb"]

    def has_add_permission(self, request):
        return not PetitionPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    """Read-only: petitions change only through their services, and are never deleted."""

    list_display = ["code", "kind", "status", "received_date", "handling_unit", "due_date"]
    list_filter = ["kind", "status", "channel"]
    search_fields = ["code"]
    list_select_related = ["handling_unit"]
    fields = ["code", "kind", "status", "received_date", "handling_unit", "handler", "due_date", "summary"]
    readonly_fields = fields

    def get_queryset(self, request):
        return petitions_visible_to(request.user).select_related("handling_unit")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by services: shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PetitionReader)
class PetitionReaderAdmin(ReadOnlyAdmin):
    """Officials told of an overdue petition by an escalation notice (escalate_petition writes them)."""

    list_display = ["petition", "user", "level", "granted_at"]
    list_filter = ["level"]
    search_fields = ["petition__code", "user__full_name", "user__username"]
    date_hierarchy = "granted_at"

    def get_queryset(self, request):
        return readers_visible_to(request.user)


@admin.register(ReaderViewing)
class ReaderViewingAdmin(ReadOnlyAdmin):
    """Each opening of a petition by such an official (record_reader_viewing writes them)."""

    list_display = ["viewed_at", "user", "petition"]
    search_fields = ["petition__code", "user__full_name", "user__username"]
    date_hierarchy = "viewed_at"

    def get_queryset(self, request):
        return reader_viewings_visible_to(request.user)


@admin.register(SavedFilter)
class SavedFilterAdmin(ReadOnlyAdmin):
    """Officials' own saved register filters (save_filter writes them); administrators see everyone's."""

    list_display = ["name", "user", "query", "created_at"]
    search_fields = ["name", "user__full_name", "user__username"]
    list_select_related = ["user"]

    def get_queryset(self, request):
        filters = super().get_queryset(request)
        if request.user.is_superuser or has_role(request.user, Role.ADMINISTRATOR):
            return filters
        return filters.filter(user_id=request.user.pk)


@admin.register(LimitationRule)
class LimitationRuleAdmin(admin.ModelAdmin):
    """Periods to lodge a complaint (Law on Complaints Art 9, 33, 48): a change in the law is a new row."""

    list_display = ["name", "applies_to", "condition", "days", "counted_from", "valid_from", "valid_to"]
    list_filter = ["applies_to", "condition"]
    search_fields = ["name", "legal_basis"]

    def get_readonly_fields(self, request, obj=None):
        # A rule a complaint was measured against keeps its substance; it can only be ended (valid_to).
        if obj is not None and PetitionLimitation.objects.filter(rule=obj).exists():
            return [f.name for f in LimitationRule._meta.fields if f.name not in ("id", "valid_to")]
        return []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GroupRepresentationRule)
class GroupRepresentationRuleAdmin(admin.ModelAdmin):
    """How many representatives a group petition may choose (Decree 124/2020/NĐ-CP)."""

    list_display = ["name", "kind", "min_people", "max_people", "max_representatives", "valid_from", "valid_to"]
    search_fields = ["name", "legal_basis"]

    def has_delete_permission(self, request, obj=None):
        return False


class DatedRuleAdmin(admin.ModelAdmin):
    """A dated rule with its legal basis: a change in the law is a new row; a rule never disappears."""

    search_fields = ["legal_basis"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WithdrawalRule)
class WithdrawalRuleAdmin(DatedRuleAdmin):
    """What may be withdrawn, per kind (Law on Denunciation 2018 Art 33; Law on Complaints as amended)."""

    list_display = ["kind", "allows_partial", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["kind"]

    def get_readonly_fields(self, request, obj=None):
        # A rule a withdrawal was measured against keeps its substance; it can only be ended (valid_to).
        if obj is not None and Withdrawal.objects.filter(rule=obj).exists():
            return [f.name for f in WithdrawalRule._meta.fields if f.name not in ("id", "valid_to")]
        return []


@admin.register(DialogueRule)
class DialogueRuleAdmin(DatedRuleAdmin):
    """When a complaint's resolver must hold a dialogue (Law on Complaints 2011 Art 30, 39)."""

    list_display = ["kind", "always_required", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["kind"]


admin.site.empty_value_display = _("(none)")
