"""API clients in the administration: created with their token shown once, changed and revoked by services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.workflow import DomainError

from . import services
from .models import ApiClient


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "can_read", "can_create", "requests_per_minute", "created_at", "revoked_at"]
    list_filter = ["can_read", "can_create"]
    search_fields = ["name", "unit__name"]
    readonly_fields = ["token_prefix", "created_at", "created_by", "revoked_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        # The unit a client acts for is its scope: a new unit is a new client with a new token.
        return [*self.readonly_fields, "unit"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        data = {field: form.cleaned_data[field] for field in ("can_read", "can_create", "requests_per_minute")}
        try:
            if change:
                services.update_api_client(actor=request.user, client=obj, **data)
                return
            client, token = services.create_api_client(
                actor=request.user, name=form.cleaned_data["name"], unit=form.cleaned_data["unit"], **data
            )
        except DomainError as error:
            raise PermissionDenied(str(error)) from error
        obj.pk = client.pk
        messages.warning(
            request,
            _("The token of %(name)s, shown only this once; give it to the system's administrator: %(token)s")
            % {"name": client.name, "token": token},
        )

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the record says who had access when

    @admin.action(description=gettext_lazy("Revoke the selected clients' tokens"))
    def revoke(self, request, queryset):
        for client in queryset:
            services.revoke_api_client(actor=request.user, client=client)
        messages.success(request, _("%(count)d client(s) revoked.") % {"count": queryset.count()})
