from django.contrib import admin

from .models import IssuedDocument, Letterhead


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    list_display = ["unit", "symbol", "place"]
    search_fields = ["unit__name", "symbol"]
    autocomplete_fields = ["unit"]


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """The register of numbers given; read only, as the numbers are the record."""

    list_display = ["reference", "kind", "unit", "issued_on", "petition", "issued_by"]
    list_filter = ["kind", "year"]
    search_fields = ["reference", "petition__code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
