"""Forms for the results a decision orders and for following its enforcement (steps on the petition page).

Apart from forms.py to keep that module under the house style's 500 lines; they validate input and nothing else.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput, not_in_future
from danvan.orgunits.models import Unit
from danvan.orgunits.selectors import unit_with_descendants

from .forms import StepForm, handlers_for


class MoneyField(forms.IntegerField):
    """An amount in đồng, typed as officials write it: 1.500.000, 1 500 000 or 1500000."""

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=0, **kwargs)
        self.widget.input_type = "text"
        self.widget.attrs.update(inputmode="numeric", autocomplete="off")
        self.error_messages["invalid"] = _("Write the amount in đồng as a whole number, e.g. 1.500.000.")
        self.error_messages["min_value"] = _("The amount cannot be negative.")

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s.,]", "", value)
        return super().to_python(value)


class AreaField(forms.DecimalField):
    """An area in m², to one decimal; the decimal mark may be a comma (120,5) or a point."""

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=0, max_digits=14, decimal_places=1, **kwargs)
        self.widget.input_type = "text"
        self.widget.attrs.update(inputmode="decimal", autocomplete="off")
        self.error_messages["invalid"] = _("Write the area in m² as a number, e.g. 120,5.")
        self.error_messages["min_value"] = _("The area cannot be negative.")
        self.error_messages["max_decimal_places"] = _("Write the area to one decimal place at most.")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
            try:
                Decimal(value or "0")
            except InvalidOperation as error:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        return super().to_python(value)


class CountField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=0, **kwargs)
        self.error_messages["invalid"] = _("Write a whole number.")
        self.error_messages["min_value"] = _("The number cannot be negative.")


def decision_result_fields():
    """The optional result fields of a complaint decision or a denunciation conclusion (forms 01/KQGQ, 03/KQGQ)."""
    return {
        "money_to_state": MoneyField(label=_("Money to be returned to the State (đồng)")),
        "money_to_citizens": MoneyField(label=_("Money to be returned to citizens and organisations (đồng)")),
        "land_to_state": AreaField(label=_("Land to be returned to the State (m²)")),
        "land_to_citizens": AreaField(label=_("Land to be returned to citizens and organisations (m²)")),
        "people_for_discipline": CountField(label=_("People proposed for administrative or disciplinary handling")),
        "cases_to_investigation": CountField(label=_("Cases referred to the investigating body")),
        "people_to_investigation": CountField(label=_("People referred to the investigating body")),
    }


class StartEnforcementForm(StepForm):
    effective_date = forms.DateField(
        label=_("The decision took legal effect on"),
        widget=DateInput(),
        validators=[not_in_future],
        help_text=_("For a denunciation conclusion, the date it was issued."),
    )
    measures = forms.CharField(label=_("Measures ordered"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible_unit = forms.ModelChoiceField(
        label=_("Unit that must act"), queryset=Unit.objects.none(), required=False
    )
    responsible_person = forms.ModelChoiceField(
        label=_("Official who must act"), queryset=get_user_model().objects.none(), required=False
    )
    responsible_other = forms.CharField(
        label=_("Or a body or person outside the portal"), max_length=255, required=False
    )
    due_date = forms.DateField(
        label=_("To be carried out by"),
        widget=DateInput(),
        help_text=_("The date the decision or the enforcement plan sets: the law sets no single period."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.petition is not None:
            units = unit_with_descendants(self.petition.handling_unit).filter(valid_to__isnull=True)
            self.fields["responsible_unit"].queryset = units.order_by("name")
            self.fields["responsible_person"].queryset = handlers_for(self.petition)

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("responsible_unit")
            or cleaned.get("responsible_person")
            or cleaned.get("responsible_other", "").strip()
        ):
            raise ValidationError(
                _("Say who must carry out the decision: a unit, an official or a body outside the portal.")
            )
        effective, due = cleaned.get("effective_date"), cleaned.get("due_date")
        if effective and due and due < effective:
            self.add_error("due_date", _("The due date cannot be before the date the decision took effect."))
        return cleaned


class EnforcementProgressForm(StepForm):
    date = forms.DateField(label=_("Date"), widget=DateInput(), validators=[not_in_future])
    note = forms.CharField(label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())


class CompleteEnforcementForm(StepForm):
    completed_on = forms.DateField(label=_("Carried out on"), widget=DateInput(), validators=[not_in_future])
    note = forms.CharField(
        label=_("Result of the enforcement"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    money_to_state_recovered = MoneyField(label=_("Money actually returned to the State (đồng)"))
    money_to_citizens_returned = MoneyField(label=_("Money actually returned to citizens and organisations (đồng)"))
    land_to_state_recovered = AreaField(label=_("Land actually returned to the State (m²)"))
    land_to_citizens_returned = AreaField(label=_("Land actually returned to citizens and organisations (m²)"))
    people_disciplined = CountField(label=_("People actually handled or disciplined"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("completed_on", timezone.localdate())


class UrgeForm(StepForm):
    note = forms.CharField(label=_("What is urged, and by when"), widget=forms.Textarea(attrs={"rows": 2}))
