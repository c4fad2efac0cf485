"""Who may call what: the client's scopes for systems, the same roles as the pages for officials."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from danvan.accounts.roles import Role, has_role

from .models import ApiClient


def client_of(request):
    """The API client making the request, or None for an official's session or an anonymous caller."""
    return request.auth if isinstance(request.auth, ApiClient) else None


def can_read_reports(user, client=None):
    """The statutory figures and the national export: as the dashboard's report page (leaders, supervisors,
    administrators), and systems with the read scope for the unit they act for."""
    if client is not None:
        return client.can_read
    return user.is_superuser or has_role(user, Role.LEADER, Role.SUPERVISOR, Role.ADMINISTRATOR)


class HasScope(BasePermission):
    """Authenticated; a client reads with the "read" scope and creates with the "create" scope."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        client = client_of(request)
        if client is None:
            return True
        return client.can_read if request.method in SAFE_METHODS else client.can_create


class CanReadReports(HasScope):
    def has_permission(self, request, view):
        return super().has_permission(request, view) and can_read_reports(request.user, client_of(request))
