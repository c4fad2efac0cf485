from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision")

    def ready(self):
        from danvan.alerts.registry import register

        from .alerts import RECOMMENDATIONS, WRITTEN_ANSWERS

        register(RECOMMENDATIONS)
        register(WRITTEN_ANSWERS)
