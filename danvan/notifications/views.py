from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from . import selectors, services


class InboxView(ListView):
    template_name = "notifications/inbox.html"
    context_object_name = "notifications"
    paginate_by = 20

    def get_queryset(self):
        return selectors.notifications_for(self.request.user, unread_only=self.unread_only)

    @property
    def unread_only(self):
        return self.request.GET.get("unread") == "1"

    def get_context_data(self, **kwargs):
        return super().get_context_data(unread_only=self.unread_only, **kwargs)


@require_POST
def open_notification(request, pk):
    """Mark the notice read and go to what it is about."""
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.mark_notification_read(notification=notification, actor=request.user)
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@require_POST
def mark_all_read(request):
    count = services.mark_all_notifications_read(actor=request.user)
    message = ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", count)
    messages.success(request, message % {"count": count})
    return redirect("notifications:inbox")
