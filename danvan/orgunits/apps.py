from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgunitsConfig(AppConfig):
    name = "danvan.orgunits"
    label = "orgunits"
    verbose_name = _("Units")
