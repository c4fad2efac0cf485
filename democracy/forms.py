"""Input for the grassroots democracy pages; the services check the rest and say why in Vietnamese."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput, not_in_future

from .models import BoardKind, BoardRole, ConsultationMethod, DisclosureForm

PUBLIC_TEXT_HELP = _("The public pages show this text only: no names, addresses, phone numbers or ID numbers.")


def _ordered(cleaned, form, start, end, message):
    if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
        form.add_error(end, message)


class DisclosureRecordForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Disclosed by"), queryset=None)
    content = forms.ModelChoiceField(label=_("Content (legal basis)"), queryset=None)
    title = forms.CharField(label=_("Disclosure title"), max_length=300)
    summary = forms.CharField(label=_("What is disclosed"), widget=forms.Textarea(attrs={"rows": 4}))
    form = forms.ChoiceField(
        label=_("Form of disclosure"),
        choices=DisclosureForm.choices,
        help_text=_("A disclosure published on the portal appears on the public disclosure page."),
    )
    place = forms.CharField(label=_("Place or channel"), max_length=255, required=False)
    disclosed_on = forms.DateField(label=_("Disclosed on"), widget=DateInput(), validators=[not_in_future])
    period_from = forms.DateField(label=_("Disclosed from"), widget=DateInput())
    period_to = forms.DateField(label=_("Disclosed until"), widget=DateInput(), required=False)

    def __init__(self, *args, units, contents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["content"].queryset = contents
        self.fields["content"].label_from_instance = lambda item: f"{item.name} ({item.legal_basis})"

    def clean(self):
        cleaned = super().clean()
        _ordered(
            cleaned, self, "period_from", "period_to", _("The end of the disclosure period cannot be before its start.")
        )
        return cleaned


class PublishForm(forms.Form):
    public_summary = forms.CharField(
        label=_("Public summary"), widget=forms.Textarea(attrs={"rows": 3}), help_text=PUBLIC_TEXT_HELP
    )
    public_answer = forms.CharField(
        label=_("Public answer or result"), widget=forms.Textarea(attrs={"rows": 5}), help_text=PUBLIC_TEXT_HELP
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ConsultationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Organised by"), queryset=None)
    village = forms.CharField(label=_("Village or residential group"), max_length=150, required=False)
    subject = forms.CharField(label=_("Matter"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    method = forms.ChoiceField(label=_("Method"), choices=ConsultationMethod.choices)
    opens_on = forms.DateField(label=_("Opinions from"), widget=DateInput())
    closes_on = forms.DateField(label=_("Opinions until"), widget=DateInput())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        cleaned = super().clean()
        _ordered(cleaned, self, "opens_on", "closes_on", _("The consultation cannot close before it opens."))
        return cleaned


class ConsultationResultForm(forms.Form):
    participants = forms.IntegerField(label=_("Participants (households or people)"), min_value=1)
    agreed = forms.IntegerField(label=_("In favour"), min_value=0)
    decision = forms.CharField(label=_("Result and decision"), widget=forms.Textarea(attrs={"rows": 3}))
    concluded_on = forms.DateField(label=_("Concluded on"), widget=DateInput(), validators=[not_in_future])

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("agreed") is not None
            and cleaned.get("participants")
            and cleaned["agreed"] > cleaned["participants"]
        ):
            self.add_error("agreed", _("Those in favour cannot be more than those who took part."))
        return cleaned


class BoardForm(forms.Form):
    front = forms.ModelChoiceField(label=_("Fatherland Front committee"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=BoardKind.choices)
    name = forms.CharField(label=_("Name"), max_length=255)
    decision = forms.CharField(label=_("Recognition decision"), max_length=200, required=False)
    project = forms.CharField(
        label=_("Investment project supervised"),
        max_length=300,
        required=False,
        help_text=_("For a community investment supervision board."),
    )
    term_from = forms.DateField(label=_("Term from"), widget=DateInput())
    term_to = forms.DateField(label=_("Term until"), widget=DateInput(), required=False)

    def __init__(self, *args, fronts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["front"].queryset = fronts

    def clean(self):
        cleaned = super().clean()
        _ordered(cleaned, self, "term_from", "term_to", _("The term cannot end before it starts."))
        return cleaned


class BoardMemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=BoardRole.choices, initial=BoardRole.MEMBER)
    village = forms.CharField(label=_("Village or residential group"), max_length=150, required=False)
    term_from = forms.DateField(label=_("Term from"), widget=DateInput())
    term_to = forms.DateField(label=_("Term until"), widget=DateInput(), required=False)

    def clean(self):
        cleaned = super().clean()
        _ordered(cleaned, self, "term_from", "term_to", _("The term cannot end before it starts."))
        return cleaned
