from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at", "email_status"]
    list_filter = ["kind", "email_status"]
    search_fields = ["title", "key", "recipient__username", "recipient__full_name"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
