from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "dialogues"
    verbose_name = _("Dialogues with the people")

    def ready(self):
        from danvan.alerts.registry import register

        from .alerts import COMMITMENTS

        register(COMMITMENTS)
