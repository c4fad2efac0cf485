"""Forms of the dialogue pages: they validate input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput, not_in_future
from danvan.orgunits.models import UnitLevel
from petitions.selectors import petitions_visible_to
from reception.forms import TIME_FORMATS, TimeInput

from . import selectors
from .models import HeadPosition

TEXTAREA = {"rows": 2}
# The positions a head of a unit of each level may hold (an agency head at either).
POSITIONS_AT = {
    UnitLevel.PROVINCE: {HeadPosition.PROVINCE_SECRETARY, HeadPosition.PROVINCE_CHAIRMAN, HeadPosition.AGENCY_HEAD},
    UnitLevel.COMMUNE: {HeadPosition.COMMUNE_SECRETARY, HeadPosition.COMMUNE_CHAIRMAN, HeadPosition.AGENCY_HEAD},
}


def _time_field(label):
    return forms.TimeField(
        label=label,
        widget=TimeInput(),
        input_formats=TIME_FORMATS,
        error_messages={"invalid": _("Write the time as hh:mm, e.g. 07:30.")},
    )


class DialogueForm(forms.Form):
    """Plan a dialogue of a head of one of the user's units."""

    unit = forms.ModelChoiceField(label=_("Unit holding the dialogue"), queryset=None)
    head = forms.ModelChoiceField(label=_("Head holding it"), queryset=None)
    # No position chosen in advance: a wrong one would count against another head's norm.
    position = forms.ChoiceField(
        label=_("Head's position"), choices=[("", _("Choose the head's position")), *HeadPosition.choices]
    )
    topic = forms.CharField(label=_("Topic of the dialogue"), max_length=400)
    commune = forms.ModelChoiceField(label=_("With the people of"), queryset=None, required=False)
    audience = forms.CharField(
        label=_("Or with a group of citizens"),
        max_length=255,
        required=False,
        help_text=_("E.g. the households whose land the ring road takes."),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = _time_field(_("Starts at"))
    end_time = _time_field(_("Ends at"))
    place = forms.CharField(label=_("Place"), max_length=255)
    participants = forms.CharField(label=_("Participants"), widget=forms.Textarea(attrs=TEXTAREA), required=False)
    invited_bodies = forms.CharField(label=_("Invited bodies"), widget=forms.Textarea(attrs=TEXTAREA), required=False)
    petition = forms.CharField(
        label=_("Related petition (code)"),
        max_length=20,
        required=False,
        help_text=_("A complaint whose resolution calls for this dialogue."),
    )
    is_published = forms.BooleanField(
        label=_("Publish on the public calendar"),
        required=False,
        initial=True,
        help_text=_("Citizens see the date, place, topic and the head's position only."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = selectors.holding_units(user)
        self.fields["head"].queryset = selectors.heads_of(user)
        self.fields["commune"].queryset = selectors.communes_in_scope(user)

    def clean_petition(self):
        code = self.cleaned_data["petition"].strip()
        if not code:
            return None
        petition = petitions_visible_to(self.user).filter(code__iexact=code).first()
        if petition is None:
            raise forms.ValidationError(_("No petition with this code is in your units."))
        return petition

    def clean(self):
        cleaned = super().clean()
        if "commune" in cleaned and not cleaned.get("commune") and not cleaned.get("audience", "").strip():
            self.add_error("audience", _("Choose the commune or name the group of citizens the dialogue is with."))
        unit, position = cleaned.get("unit"), cleaned.get("position")
        if unit is not None and position and position not in POSITIONS_AT.get(unit.level, {position}):
            self.add_error("position", _("This position is not one of a head of %(unit)s.") % {"unit": unit.name})
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The dialogue must end after it starts."))
        return cleaned


class HeldForm(forms.Form):
    attendance = forms.IntegerField(label=_("Citizens attending"), min_value=0, required=False)
    summary = forms.CharField(label=_("Summary of the dialogue"), widget=forms.Textarea(attrs={"rows": 3}))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=255)


class IssueForm(forms.Form):
    raised_by = forms.CharField(
        label=_("Raised by (citizen group or area)"),
        max_length=255,
        help_text=_("E.g. voters of residential group 5."),
    )
    text = forms.CharField(label=_("Issue raised"), widget=forms.Textarea(attrs=TEXTAREA))
    answer = forms.CharField(label=_("Answer given on the spot"), widget=forms.Textarea(attrs=TEXTAREA), required=False)


class CommitmentForm(forms.Form):
    text = forms.CharField(label=_("Commitment"), widget=forms.Textarea(attrs=TEXTAREA))
    issue = forms.ModelChoiceField(label=_("Issue it answers"), queryset=None, required=False)
    responsible_unit = forms.ModelChoiceField(label=_("Unit responsible"), queryset=None)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = dialogue.issues.all()
        self.fields["responsible_unit"].queryset = selectors.responsible_units(dialogue)


class CompleteForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput(), validators=[not_in_future])
    result = forms.CharField(label=_("Result achieved"), widget=forms.Textarea(attrs=TEXTAREA))


class FiguresForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Write the year as four digits, e.g. 2026."),
            "min_value": _("Choose a year from 2000 to 2100."),
            "max_value": _("Choose a year from 2000 to 2100."),
        },
    )
