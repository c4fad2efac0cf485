from django.contrib import admin

from .models import Change


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    """Read-only: history is written by the services."""

    list_display = ["created_at", "content_type", "object_id", "kind", "actor", "from_status", "to_status", "values"]
    list_filter = ["is_audit", "kind", "content_type"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
