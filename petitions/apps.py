from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self):
        from django.db.models.signals import post_save, pre_save

        from danvan.alerts.registry import register
        from danvan.orgunits.models import Unit

        from .alerts import PETITION_DEADLINES
        from .calendar_changes import register_listener
        from .enforcement_alerts import ENFORCEMENT_DUE_DATES
        from .models import Category
        from .overdue_alerts import ART38_DEADLINES, LAPSES
        from .services.search import refresh_after_rename, remember_name

        register(PETITION_DEADLINES)
        register(LAPSES)
        register(ART38_DEADLINES)
        register(ENFORCEMENT_DUE_DATES)
        # Deadlines already issued that a new day off or working day would move are listed for the leaders.
        register_listener()
        # The search text copies the names of a petition's field and handling unit.
        for model in (Category, Unit):
            pre_save.connect(remember_name, sender=model, dispatch_uid=f"petitions-search-{model.__name__}-pre")
            post_save.connect(
                refresh_after_rename, sender=model, dispatch_uid=f"petitions-search-{model.__name__}-post"
            )
