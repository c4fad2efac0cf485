from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "danvan.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self):
        from . import audit, receivers  # noqa: F401  (receivers: records the periodic jobs' runs)

        audit.connect()
