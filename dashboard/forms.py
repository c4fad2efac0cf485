from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput

from .periods import KINDS


class DashboardForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"), choices=[*[(key, label) for key, (label, _m) in KINDS.items()], ("custom", _("Custom"))],
        initial="quarter", required=False,
    )  # fmt: skip
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    number = forms.IntegerField(label=_("Number (month or quarter)"), min_value=1, max_value=12, required=False)
    start = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("Until"), widget=DateInput(), required=False)
    unit = forms.ModelChoiceField(label=_("Unit (with its sub-units)"), queryset=None, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        cleaned["period"] = cleaned.get("period") or "quarter"
        cleaned["year"] = cleaned.get("year") or today.year
        if cleaned["period"] == "custom":
            if not cleaned.get("start") or not cleaned.get("end"):
                raise forms.ValidationError(_("Give both dates of a custom period."))
            if cleaned["end"] < cleaned["start"]:
                raise forms.ValidationError(_("The end of the period cannot be before its start."))
        elif cleaned["period"] == "quarter":
            number = cleaned.get("number") or (today.month - 1) // 3 + 1
            if number > 4:
                self.add_error("number", _("A quarter is numbered 1 to 4."))
            cleaned["number"] = number
        elif cleaned["period"] == "month":
            cleaned["number"] = cleaned.get("number") or today.month
        return cleaned
