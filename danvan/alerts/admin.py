from django.contrib import admin

from .models import Alert, AlertPolicy


@admin.register(AlertPolicy)
class AlertPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reminder_offsets", "escalation_interval", "escalation_levels"]

    def has_add_permission(self, request):
        return not AlertPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["source", "object_id", "kind", "step", "due_date", "created_at", "delivered_at"]
    list_filter = ["source", "kind", "step"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
