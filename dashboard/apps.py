from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard and reports")

    def ready(self):
        # The summary tables learn of changes to the petitions' records (cache invalidation only).
        from . import receivers

        receivers.connect()
