from django.contrib import admin

from .models import CitizenMessage


@admin.register(CitizenMessage)
class CitizenMessageAdmin(admin.ModelAdmin):
    # Read-only: a message is written by the services and sent by the workers, never by hand.
    list_display = ["reference", "stage", "channel", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["stage", "channel", "status"]
    search_fields = ["reference"]
    date_hierarchy = "created_at"
    exclude = ["recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
