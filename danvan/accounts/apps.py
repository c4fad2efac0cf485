from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = _("People and roles")

    def ready(self):
        from .axes_labels import name_axes_records

        name_axes_records()
