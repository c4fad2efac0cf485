from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = _("People and roles")

    def ready(self):
        from .labels import name_third_party_records

        name_third_party_records()
