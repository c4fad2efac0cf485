from django.contrib import admin

from .models import DayOff, WorkingDay


@admin.register(DayOff)
class DayOffAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "legal_basis"]
    date_hierarchy = "date"
    search_fields = ["name", "legal_basis"]


@admin.register(WorkingDay)
class WorkingDayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "legal_basis"]
    date_hierarchy = "date"
    search_fields = ["name", "legal_basis"]
