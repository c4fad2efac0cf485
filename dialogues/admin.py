from django.contrib import admin

from .models import DialogueNorm


@admin.register(DialogueNorm)
class DialogueNormAdmin(admin.ModelAdmin):
    """The expectations are data with their basis; dialogues themselves change only through their pages."""

    list_display = ["position", "count", "period", "valid_from", "valid_to", "legal_basis", "is_default"]
    list_filter = ["position", "is_default"]
