from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "reception"
    verbose_name = _("Citizen reception")

    def ready(self):
        from danvan.alerts.registry import register
        from danvan.workdays import registry as workdays

        from . import services
        from .alerts import RECEPTION_SESSIONS

        register(RECEPTION_SESSIONS)
        # Sessions planned on a day that stops being a working day move or are cancelled.
        workdays.register("reception", services.follow_days_off)
        # …and one a day off had moved away goes back when that day is a working day again.
        workdays.register_change_listener("reception", services.follow_working_days)
