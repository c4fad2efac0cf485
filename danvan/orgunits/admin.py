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
        # The tree's paths are kept by the services, never by a plain save().
        if not change:
            created = services.create_unit(
                name=obj.name,
                kind=obj.kind,
                level=obj.level,
                parent=obj.parent,
                division_code=obj.division_code,
                valid_from=obj.valid_from,
                actor=request.user,
            )
            obj.pk, obj.path = created.pk, created.path
            return
        parent_changed = "parent" in form.changed_data
        new_parent = obj.parent
        obj.parent = Unit.objects.get(pk=obj.pk).parent
        obj.save()
        if parent_changed:
            services.move_unit(unit=obj, parent=new_parent, actor=request.user)
