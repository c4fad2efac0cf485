"""Grassroots democracy in the admin: the list of contents to disclose is data administrators keep;
the records are to look at only (every change has its page and its service, which writes the history)."""

from django.contrib import admin

from .models import Board, BoardMember, Consultation, Disclosure, DisclosureContent, Publication


@admin.register(DisclosureContent)
class DisclosureContentAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "legal_basis", "is_active"]
    list_display_links = ["name"]
    list_filter = ["is_active"]

    def has_delete_permission(self, request, obj=None):
        return False  # disclosures point at it: retire it with "in use" instead


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BoardMemberInline(admin.TabularInline):
    model = BoardMember
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "content", "form", "disclosed_on"]
    list_filter = ["form"]
    list_select_related = ["unit", "content"]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["public_summary", "kind", "unit", "answered_on", "status"]
    list_filter = ["kind", "status"]
    list_select_related = ["unit"]


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ["subject", "unit", "method", "opens_on", "status"]
    list_filter = ["status", "method"]
    list_select_related = ["unit"]


@admin.register(Board)
class BoardAdmin(ReadOnlyAdmin):
    list_display = ["unit", "kind", "front", "term_from", "term_to"]
    list_filter = ["kind"]
    list_select_related = ["unit", "front"]
    inlines = [BoardMemberInline]
