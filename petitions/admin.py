from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Category, DeadlineRule, Petition, PetitionDeadline, PetitionPolicy
from .selectors import petitions_visible_to


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


admin.site.empty_value_display = _("(none)")
