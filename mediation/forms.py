from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput, check_upload, not_in_future
from petitions.models import Category, Kind
from petitions.selectors import upload_limit_mb

from .models import Gender, MediatorRole
from .workflow import OUTCOMES

# How many party rows the case form offers; blank rows are ignored.
PARTY_ROWS = 3


def _date_field(label, *, required=True, past_only=True):
    return forms.DateField(
        label=label, widget=DateInput(), required=required, validators=[not_in_future] if past_only else []
    )


class TeamForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Commune People's Committee"), queryset=None)
    name = forms.CharField(label=_("Team name"), max_length=200)
    area = forms.CharField(
        label=_("Village or residential group"), max_length=200, help_text=_("Thôn, bản, tổ dân phố the team serves.")
    )

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees


class MediatorForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    role = forms.ChoiceField(label=_("Role"), choices=MediatorRole.choices, initial=MediatorRole.MEMBER)
    from_date = _date_field(_("Mediator from"))


class EndTermForm(forms.Form):
    mediator = forms.ModelChoiceField(label=_("Mediator"), queryset=None)
    to_date = forms.DateField(label=_("Last day of the term"), widget=DateInput())

    def __init__(self, *args, serving, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = serving


class RecognitionForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision number"), max_length=50)
    decision_date = _date_field(_("Decision date"))


class DissolveForm(forms.Form):
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


def _active_fields():
    return Category.objects.filter(is_active=True).order_by("order", "name")


class CaseForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Mediation team"), queryset=None)
    matter = forms.CharField(label=_("Matter in dispute"), max_length=300)
    details = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    field = forms.ModelChoiceField(label=_("Field"), queryset=None)
    received_date = _date_field(_("Received on"))

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["field"].queryset = _active_fields()
        self.fields["received_date"].initial = timezone.localdate()
        for index in range(1, PARTY_ROWS + 1):
            required = index == 1
            self.fields[f"party{index}_name"] = forms.CharField(
                label=_("Party %(number)d: full name") % {"number": index}, max_length=150, required=required
            )
            self.fields[f"party{index}_address"] = forms.CharField(
                label=_("Party %(number)d: address") % {"number": index}, max_length=255, required=False
            )
            self.fields[f"party{index}_phone"] = forms.CharField(
                label=_("Party %(number)d: phone number") % {"number": index}, max_length=20, required=False
            )

    def parties(self):
        rows = []
        for index in range(1, PARTY_ROWS + 1):
            name = self.cleaned_data.get(f"party{index}_name", "").strip()
            if name:
                rows.append(
                    {
                        "full_name": name,
                        "address": self.cleaned_data.get(f"party{index}_address", ""),
                        "phone": self.cleaned_data.get(f"party{index}_phone", ""),
                    }
                )
        return rows

    def case_data(self):
        return {key: self.cleaned_data[key] for key in ("team", "matter", "details", "field", "received_date")}


class StartForm(forms.Form):
    mediators = forms.ModelMultipleChoiceField(
        label=_("Mediators who mediate the case"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, serving, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediators"].queryset = serving


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[(status.value, status.label) for status in OUTCOMES])
    mediated_on = _date_field(_("Mediated on"), required=False)
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("What the parties agreed, or why they did not agree."),
    )
    guidance = forms.CharField(
        label=_("Competent body the parties were guided to"),
        max_length=300,
        required=False,
        help_text=_("Required when the mediation was unsuccessful, e.g. the commune People's Committee."),
    )
    minutes_file = forms.FileField(label=_("Signed minutes (scan)"), required=False)

    def clean_minutes_file(self):
        return check_upload(self.cleaned_data.get("minutes_file"), limit_mb=upload_limit_mb())


class FollowUpPetitionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of petition"),
        choices=[(Kind.RECOMMENDATION.value, Kind.RECOMMENDATION.label), (Kind.FEEDBACK.value, Kind.FEEDBACK.label)],
    )
    received_date = _date_field(_("Received on"))
    parties = forms.ModelMultipleChoiceField(label=_("Lodged by"), queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = case.parties.all()
        self.fields["received_date"].initial = timezone.localdate()


class FromPetitionForm(forms.Form):
    code = forms.CharField(label=_("Petition code"), max_length=20, help_text=_("For example DT-2026-000123."))
    team = forms.ModelChoiceField(label=_("Mediation team"), queryset=None)
    note = forms.CharField(
        label=_("Guidance given to the citizen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Shown on the petition's timeline, which the citizen can read."),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class FiguresForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2014,
        max_value=2100,
        required=False,
        error_messages={
            "min_value": _("The year must be %(limit_value)s or later."),
            "max_value": _("The year must be %(limit_value)s or earlier."),
        },
    )
