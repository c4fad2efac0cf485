from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Unit


class UnitForm(forms.ModelForm):
    """Unit edits, refusing changes that would break the tree."""

    class Meta:
        model = Unit
        fields = ["name", "kind", "level", "parent", "division_code", "valid_from", "valid_to", "successor"]

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent and self.instance.pk and parent.path.startswith(self.instance.path):
            raise forms.ValidationError(_("A unit cannot be placed under itself or one of its own sub-units."))
        return parent

    def clean_successor(self):
        successor = self.cleaned_data.get("successor")
        if successor and successor.pk == self.instance.pk:
            raise forms.ValidationError(_("A unit cannot be its own successor."))
        return successor
