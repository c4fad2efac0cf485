from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "reception"
    verbose_name = _("Citizen reception")

    def ready(self):
        from danvan.alerts.registry import register

        from .alerts import RECEPTION_SESSIONS

        register(RECEPTION_SESSIONS)
