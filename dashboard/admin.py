from django.contrib import admin

from .models import ReportPolicy


@admin.register(ReportPolicy)
class ReportPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "cutoff_day"]

    def has_add_permission(self, request):
        return not ReportPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
