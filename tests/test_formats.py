from datetime import date

from django import forms
from django.utils import translation


class DateForm(forms.Form):
    day = forms.DateField()


def test_dates_are_typed_day_first_in_vietnamese():
    with translation.override("vi"):
        form = DateForm({"day": "03/02/2026"})
        assert form.is_valid()
        assert form.cleaned_data["day"] == date(2026, 2, 3)
        assert DateForm({"day": "13/02/2026"}).is_valid()
