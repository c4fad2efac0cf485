from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput, check_upload, not_in_future
from danvan.orgunits.selectors import current_bodies_in_trees_of, same_tree
from danvan.workflow import DomainError, allowed_targets, check_transition
from petitions.selectors import upload_limit_mb

from .models import DelegationRole, DocumentKind, InitiativeField, InitiativeLevel, SupervisionKind
from .workflow import (
    RECOMMENDATION_FINAL,
    RECOMMENDATION_TRANSITIONS,
    RecommendationStatus,
    percent_problem,
    percent_rules,
)

# Django's own Vietnamese for the bounds leaves a space before the full stop ("… 2100 ."): say it ourselves.
YEAR_ERRORS = {
    "min_value": _("The year must be %(limit_value)s or later."),
    "max_value": _("The year must be %(limit_value)s or earlier."),
}
PERCENT_ERRORS = dict.fromkeys(["min_value", "max_value"], _("The percentage must be from 0 to 100."))


def _target_choices(targets):
    return [(target.value, target.label) for target in targets]


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, error_messages=YEAR_ERRORS)
    body = forms.ModelChoiceField(label=_("Body"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    proposals = forms.CharField(label=_("Proposals received"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class AdoptProgrammeForm(forms.Form):
    number = forms.CharField(label=_("Resolution number"), max_length=50)
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput(), validators=[not_in_future])


class NewSupervisionForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=400)
    kind = forms.ChoiceField(label=_("Type"), choices=SupervisionKind.choices)
    period_from = forms.DateField(label=_("Period under review from"), widget=DateInput())
    period_to = forms.DateField(label=_("Period under review until"), widget=DateInput())
    fieldwork_from = forms.DateField(label=_("Field work from"), widget=DateInput(), required=False)
    fieldwork_to = forms.DateField(label=_("Field work until"), widget=DateInput(), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period_from") and cleaned.get("period_to") and cleaned["period_to"] < cleaned["period_from"]:
            self.add_error("period_to", _("The end of the period cannot be before its start."))
        return cleaned


class SupervisionStatusForm(forms.Form):
    target = forms.ChoiceField(label=_("Move to"))
    report_number = forms.CharField(label=_("Report number"), max_length=50, required=False)
    report_date = forms.DateField(label=_("Report date"), widget=DateInput(), required=False)
    summary = forms.CharField(label=_("Report summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = _target_choices(targets)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    upload = forms.FileField(label=_("File"))

    def clean_upload(self):
        return check_upload(self.cleaned_data.get("upload"), limit_mb=upload_limit_mb())


class DelegationMemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role in the delegation"), choices=DelegationRole.choices)
    from_body = forms.CharField(label=_("From (body)"), max_length=255)


def addressable_units(bodies):
    """Current units (not localities) in the provinces of the given supervising bodies."""
    return current_bodies_in_trees_of(bodies)


class SupervisedUnitForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    visited = forms.BooleanField(
        label=_("Visited directly"), required=False, help_text=_("Otherwise supervised by report.")
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = addressable_units([body])


class FindingForm(forms.Form):
    text = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 2}))


class RecommendationForm(forms.Form):
    addressed_to = forms.ModelChoiceField(label=_("Addressed to"), queryset=None)
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(label=_("Deadline"), widget=DateInput())
    finding = forms.ModelChoiceField(label=_("Finding it answers (optional)"), queryset=None, required=False)
    finding_text = forms.CharField(
        label=_("Or a new finding (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, supervision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressed_to"].queryset = addressable_units([supervision.programme.body])
        self.fields["finding"].queryset = supervision.findings.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("finding") and cleaned.get("finding_text", "").strip():
            self.add_error("finding_text", _("Choose a finding or write a new one, not both."))
        return cleaned


class ProgressForm(forms.Form):
    """A progress report: only the statuses the recommendation may move to, with a percentage that agrees.

    It starts on the current status when that is still offered, else on no status: never on an ending one.
    """

    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Status"))
    percent = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100, error_messages=PERCENT_ERRORS)
    evidence = forms.FileField(label=_("Evidence (optional)"), required=False)

    def __init__(self, *args, current, can_assess=True, **kwargs):
        super().__init__(*args, **kwargs)
        targets = [
            target
            for target in allowed_targets(RECOMMENDATION_TRANSITIONS, current)
            # "not implemented" is the supervising body's conclusion
            if can_assess or target != RecommendationStatus.NOT_IMPLEMENTED
        ]
        self.current, self.targets = current, targets
        status = self.fields["status"]
        # Any status is accepted here so that a step no longer offered gets the workflow's reason, not "invalid".
        status.choices = [("", "---------"), *RecommendationStatus.choices]
        status.widget.choices = [("", "---------"), *_target_choices(targets)]
        status.initial = current if current in targets and current not in RECOMMENDATION_FINAL else ""
        self.fields["percent"].help_text = percent_rules()

    def clean_status(self):
        status = self.cleaned_data["status"]
        try:
            check_transition(RECOMMENDATION_TRANSITIONS, self.current, status)
        except DomainError as error:
            raise forms.ValidationError(str(error)) from error
        return status

    def clean(self):
        cleaned = super().clean()
        status, percent = cleaned.get("status"), cleaned.get("percent")
        if status and percent is not None and (problem := percent_problem(status, percent)):
            self.add_error("percent", problem)
        return cleaned

    def clean_evidence(self):
        return check_upload(self.cleaned_data.get("evidence"), limit_mb=upload_limit_mb())


class WrittenAnswerForm(forms.Form):
    answered_on = forms.DateField(label=_("Written answer sent on"), widget=DateInput(), validators=[not_in_future])


class CommitmentForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Council"), queryset=None)
    council_session = forms.CharField(label=_("Council session"), max_length=255)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    asked_by = forms.CharField(label=_("Asked by (deputy)"), max_length=150)
    answered_by = forms.CharField(label=_("Answered by"), max_length=200)
    asked_on = forms.DateField(label=_("Asked on"), widget=DateInput(), validators=[not_in_future])
    addressed_to = forms.ModelChoiceField(label=_("Unit that promised"), queryset=None)
    promise = forms.CharField(label=_("What was promised"), widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(label=_("Promised by"), widget=DateInput())

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["addressed_to"].queryset = addressable_units(bodies)

    def clean(self):
        cleaned = super().clean()
        body, unit = cleaned.get("body"), cleaned.get("addressed_to")
        if body and unit and not same_tree(unit, body):
            self.add_error("addressed_to", _("Choose a unit of the council's own province."))
        return cleaned


class InitiativeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, error_messages=YEAR_ERRORS)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    name = forms.CharField(label=_("Name of the model"), max_length=300)
    field = forms.ChoiceField(label=_("Field"), choices=InitiativeField.choices)
    level = forms.ChoiceField(label=_("Level"), choices=InitiativeLevel.choices)
    start_date = forms.DateField(label=_("Started on"), widget=DateInput())
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CarryOverForm(forms.Form):
    year = forms.IntegerField(
        label=_("Into the year"),
        min_value=2001,
        max_value=2100,
        error_messages=YEAR_ERRORS,
        help_text=_("The previous year's models are copied."),
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class InitiativeStatusForm(forms.Form):
    target = forms.ChoiceField(label=_("Move to"))
    recognition = forms.CharField(label=_("Recognition decision"), max_length=300, required=False)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = _target_choices(targets)


class EvidenceForm(forms.Form):
    upload = forms.FileField(label=_("File"))

    def clean_upload(self):
        return check_upload(self.cleaned_data.get("upload"), limit_mb=upload_limit_mb())
