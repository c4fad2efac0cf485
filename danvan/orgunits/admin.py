from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import services
from .forms import UnitForm
from .models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    form = UnitForm
    list_display = ["indented_name", "kind", "level", "division_code", "valid_to"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "division_code"]
    autocomplete_fields = ["parent", "successor"]
    list_per_page = 100

    @admin.display(description=_("name"), ordering="path")
    def indented_name(self, obj):
        return "— " * obj.depth + obj.name

    def save_model(self, request, obj, form, change):
        # The tree is changed only through the services, never by a plain save().
        data = form.cleaned_data
        if not change:
            created = services.create_unit(
                name=data["name"],
                kind=data["kind"],
                level=data["level"],
                parent=data["parent"],
                division_code=data["division_code"],
                valid_from=data["valid_from"],
                actor=request.user,
            )
            obj.pk, obj.path = created.pk, created.path
            unit = created
        else:
            own = {
                f: data[f] for f in ("name", "kind", "level", "division_code", "valid_from") if f in form.changed_data
            }
            unit = services.update_unit(unit=obj, actor=request.user, **own) if own else obj
            if "parent" in form.changed_data:
                unit = services.move_unit(unit=unit, parent=data["parent"], actor=request.user)
        if data["valid_to"] != unit.valid_to or data["successor"] != unit.successor:
            services.close_unit(unit=unit, last_day=data["valid_to"], successor=data["successor"], actor=request.user)
