"""Mediation in the admin: the team make-up rule is data an administrator keeps; teams and cases are
looked at only, since every change has its page and its service, which checks it and writes the history."""

from django.contrib import admin

from .models import MediationCase, MediationTeam, TeamRule


@admin.register(TeamRule)
class TeamRuleAdmin(admin.ModelAdmin):
    """The minimum make-up of a mediation team (Law on Grassroots Mediation 2013, Art 12)."""

    list_display = ["name", "min_mediators", "min_women", "valid_from", "valid_to", "legal_basis"]
    search_fields = ["name", "legal_basis"]

    def get_readonly_fields(self, request, obj=None):
        # A rule a team was recognised under keeps its substance; it can only be ended (valid_to).
        if obj is not None and MediationTeam.objects.filter(rule=obj).exists():
            return [f.name for f in TeamRule._meta.fields if f.name not in ("id", "valid_to")]
        return []

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MediationTeam)
class MediationTeamAdmin(ReadOnlyAdmin):
    list_display = ["name", "area", "committee", "status", "decision_number", "decision_date"]
    list_filter = ["status"]
    search_fields = ["name", "area"]


@admin.register(MediationCase)
class MediationCaseAdmin(ReadOnlyAdmin):
    # No parties here: they are personal data, shown on the case page to the commune's officials only.
    list_display = ["code", "matter", "team", "received_date", "status"]
    list_filter = ["status"]
    search_fields = ["code", "matter"]
    exclude = ["details", "minutes", "minutes_file", "minutes_name"]
