from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput

from .periods import KINDS

CUSTOM = "custom"
NUMBERED = ("month", "quarter")


def _number_errors(message):
    """One message, naming the field and its range, for anything but a whole number within it."""
    return dict.fromkeys(("invalid", "min_value", "max_value"), message)


def _date_field(label, message):
    return forms.DateField(label=label, widget=DateInput(), required=False, error_messages={"invalid": message})


class DashboardForm(forms.Form):
    """The period and unit of the dashboard and the report; every refusal names the control it is about."""

    period = forms.ChoiceField(
        label=_("Period"), choices=[*[(key, label) for key, (label, _m) in KINDS.items()], (CUSTOM, _("Custom"))],
        required=False, error_messages={"invalid_choice": _("Choose a reporting period from the list.")},
    )  # fmt: skip
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, required=False,
        error_messages=_number_errors(_("The year must be a whole number from 2000 to 2100.")),
    )  # fmt: skip
    number = forms.IntegerField(
        label=_("Number (month or quarter)"), min_value=1, max_value=12, required=False,
        error_messages=_number_errors(_("The month or quarter number must be a whole number from 1 to 12.")),
    )  # fmt: skip
    start = _date_field(_("From"), _("The start date is not a valid date: write it as dd/mm/yyyy."))
    end = _date_field(_("Until"), _("The end date is not a valid date: write it as dd/mm/yyyy."))
    unit = forms.ModelChoiceField(
        label=_("Unit (with its sub-units)"), queryset=None, required=False,
        error_messages={"invalid_choice": _("Choose a unit in your scope from the list.")},
    )  # fmt: skip

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        """Fill in what was left empty (this quarter, this year, this month) so the result names one period."""
        cleaned = super().clean()
        today = timezone.localdate()
        period = cleaned["period"] = cleaned.get("period") or "quarter"
        if "year" not in self.errors:
            cleaned["year"] = cleaned.get("year") or today.year
        if period == CUSTOM:
            start, end = cleaned.get("start"), cleaned.get("end")
            if start is None and "start" not in self.errors:
                self.add_error("start", _("Give the start date of the custom period."))
            if end is None and "end" not in self.errors:
                self.add_error("end", _("Give the end date of the custom period."))
            if start and end and end < start:
                self.add_error("end", _("The end date cannot be before the start date."))
        elif period == "quarter" and "number" not in self.errors:
            number = cleaned.get("number") or (today.month - 1) // 3 + 1
            if number > 4:
                self.add_error("number", _("A quarter is numbered 1 to 4."))
            cleaned["number"] = number
        elif period == "month" and "number" not in self.errors:
            cleaned["number"] = cleaned.get("number") or today.month
        return cleaned

    def shown(self):
        """The values of the period and unit shown (after a valid submission), for the controls to display them."""
        data = self.cleaned_data
        custom = data["period"] == CUSTOM
        return {
            "period": data["period"],
            "year": None if custom else data["year"],
            "number": data.get("number") if data["period"] in NUMBERED else None,
            "start": data["start"] if custom else None,
            "end": data["end"] if custom else None,
            "unit": data.get("unit"),
        }
