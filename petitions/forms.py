"""Forms of the petitions app: they validate input and nothing else."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Role
from danvan.forms import DateInput, MultipleFileField, not_in_future
from danvan.forms import check_upload as shared_check_upload
from danvan.orgunits.divisions import commune_choices, commune_in_province, place_name, province_choices
from danvan.orgunits.models import LOCALITY_KINDS, Unit
from danvan.orgunits.selectors import unit_with_descendants, units_visible_to

from .limitation import representatives_error
from .limitation_forms import CONFIRM_FIELD, check_limitation, limitation_fields, limitation_initial, refusal_reasons
from .models import ANSWERED_KINDS, Category, Complexity, Kind, Outcome, Petition
from .selectors import petitions_visible_to, upload_limit_mb

# Lai Châu: the demo province, and the first choice of the address selects.
DEFAULT_PROVINCE = "12"


def check_upload(upload):
    """A file checked against the petition policy's size limit and the accepted types."""
    return shared_check_upload(upload, limit_mb=upload_limit_mb())


def attachments_field(**kwargs):
    return MultipleFileField(limit_mb=upload_limit_mb, **kwargs)


class PetitionForm(forms.ModelForm):
    """The intake form; also used to correct the details while the petition is open."""

    first_instance_code = forms.CharField(
        label=_("First-instance complaint in the portal (code)"),
        required=False,
        help_text=_("For a second-instance complaint, e.g. DT-2026-000012."),
    )
    files = attachments_field(label=_("Attachments"), help_text=_("Scans of the petition and evidence."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Petition
        fields = [
            "kind",
            "channel",
            "received_date",
            "receiving_unit",
            "category",
            "summary",
            "content",
            "respondent",
            "people_count",
            "is_anonymous",
            "has_evidence",
            "is_skipped_level",
            "is_remote_area",
            "is_several_places",
            "first_decision_reference",
        ]
        widgets = {
            "received_date": DateInput(),
            "content": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["receiving_unit"].queryset = units_visible_to(user).filter(valid_to__isnull=True)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)
        self.fields["received_date"].validators.append(not_in_future)
        if not self.is_bound and not editing:
            self.initial.setdefault("received_date", timezone.localdate())
        self.fields.update(limitation_fields(editing=editing))  # what a complaint's limitation counts from
        self.limitation = None
        if editing:
            for field, value in limitation_initial(self.instance).items():
                self.initial.setdefault(field, value)
            # A petition's kind decides its legal path; a wrong kind is fixed by reclassifying, not editing.
            del self.fields["kind"]
            del self.fields["files"]
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = _(
                "The form is missing its version number; open the petition again and redo the change."
            )
        elif self.instance.pk is None:
            self.fields["version"].widget = forms.HiddenInput()

    def clean_first_instance_code(self):
        code = self.cleaned_data["first_instance_code"].strip().upper()
        if not code:
            return None
        first = petitions_visible_to(self.user).filter(code=code).first()
        if first is None:
            raise forms.ValidationError(_("No petition with this code in your units."))
        if first.kind != Kind.COMPLAINT_FIRST:
            raise forms.ValidationError(_("Petition %(code)s is not a first-instance complaint.") % {"code": code})
        return first

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind", self.instance.kind if self.instance.pk else None)
        if cleaned.get("is_anonymous") and kind in (Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND):
            self.add_error("is_anonymous", _("A complaint cannot be anonymous: the complainant must be identified."))
        if cleaned.get("first_instance_code") and kind != Kind.COMPLAINT_SECOND:
            self.add_error("first_instance_code", _("Only a second-instance complaint refers to a first one."))
        if (
            kind == Kind.COMPLAINT_SECOND
            and not cleaned.get("first_instance_code")
            and not cleaned.get("first_decision_reference", "").strip()
        ):
            self.add_error(
                "first_decision_reference",
                _("A second-instance complaint refers to the first-instance decision: give its code or number."),
            )
        self.limitation = check_limitation(self, cleaned, kind)
        return cleaned

    @property
    def limitation_warning(self):
        """The warning on a complaint lodged after the limitation period, while it is not confirmed."""
        return (self.errors.get(CONFIRM_FIELD) or [""])[0]

    @property
    def needs_correcting(self):
        """Errors to correct, apart from that warning, which the officer only confirms."""
        return any(field != CONFIRM_FIELD for field in self.errors)

    def service_data(self):
        """The cleaned values in the shape the services take."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in {"files", "version", "first_instance_code"}}
        data["first_instance"] = self.cleaned_data.get("first_instance_code")
        return data


class CommuneField(forms.ChoiceField):
    """Any commune of the package is a valid value; the form checks it is in the chosen province."""

    def valid_value(self, value):
        return bool(place_name("", value))


class PetitionerForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    citizen_id = forms.CharField(
        label=_("Citizen ID number"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    province_code = forms.ChoiceField(label=_("Province"), required=False)
    commune_code = CommuneField(label=_("Commune / ward"), required=False)
    address = forms.CharField(label=_("House number, street, village"), max_length=255, required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    is_representative = forms.BooleanField(label=_("Representative"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from danvan.validators import citizen_id_validator, phone_validator

        self.fields["citizen_id"].validators.append(citizen_id_validator)
        self.fields["phone"].validators.append(phone_validator)
        self.fields["province_code"].choices = [("", "—")] + province_choices()
        province = self.data.get(self.add_prefix("province_code")) if self.is_bound else None
        province = province or self.initial.get("province_code") or DEFAULT_PROVINCE
        self.fields["commune_code"].choices = [("", "—")] + commune_choices(province)
        self.fields["province_code"].initial = DEFAULT_PROVINCE
        self.fields["province_code"].widget.attrs["data-commune-target"] = self.add_prefix("commune_code")

    def clean(self):
        cleaned = super().clean()
        province, commune = cleaned.get("province_code"), cleaned.get("commune_code")
        if commune and not commune_in_province(commune, province):
            self.add_error("commune_code", _("This commune is not in the chosen province."))
        return cleaned


class BasePetitionerFormSet(forms.BaseFormSet):
    """Petitioners; representatives within Decree 124/2020's limits for groups."""

    def __init__(self, *args, people_count=None, **kwargs):
        self.people_count = people_count
        super().__init__(*args, **kwargs)

    def people(self):
        return [
            form.cleaned_data
            for form in self.forms
            if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        if any(self.errors):
            return
        people = self.people()
        ids = [p["citizen_id"] for p in people if p.get("citizen_id")]
        if len(ids) != len(set(ids)):
            raise forms.ValidationError(_("The same citizen ID number is entered twice."))
        # The rule in force today for every kind; the service checks the petition's own kind and received date.
        message = representatives_error(
            people_count=self.people_count or len(people),
            representatives=sum(1 for p in people if p.get("is_representative")),
            kind="",
            on=timezone.localdate(),
        )
        if message:
            raise forms.ValidationError(message)


PetitionerFormSet = forms.formset_factory(
    PetitionerForm, formset=BasePetitionerFormSet, extra=1, can_delete=True, max_num=50
)


class SavedFilterForm(forms.Form):
    """Save the register's current filters under a name."""

    name = forms.CharField(label=_("Name of the filter"), max_length=100, strip=True)
    query = forms.CharField(widget=forms.HiddenInput, max_length=2000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Name the filter to save.")


# --- Step forms: one per step on the petition page (petitions/steps.py) ----------------


class StepForm(forms.Form):
    """A step's form; the page passes the petition and the user, for the forms whose choices depend on them."""

    def __init__(self, *args, petition=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.petition, self.user = petition, user


def show_to_citizen():
    """The box that makes what the official typed public; without it a note stays internal."""
    return forms.BooleanField(
        label=_("Show to the citizen"),
        required=False,
        help_text=_("Left unticked, only officials see what you typed; the citizen sees only the step itself."),
    )


class ConfirmForm(StepForm):
    """A step that needs nothing but the confirmation."""


class NoteForm(StepForm):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    is_public = show_to_citizen()


class OptionalNoteForm(StepForm):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    is_public = show_to_citizen()


class RequiredNoteForm(StepForm):
    note = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    is_public = show_to_citizen()


class AcceptForm(StepForm):
    accepted_date = forms.DateField(label=_("Accepted on"), widget=DateInput(), validators=[not_in_future])
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    is_public = show_to_citizen()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("accepted_date", timezone.localdate())


LATE_REASON = _("The time limit for lodging the complaint has passed.")
REFUSAL_REASONS = [
    _("The decision or act does not directly affect the complainant's lawful rights."),
    LATE_REASON,
    _("The matter already has a second-instance decision."),
    _("A court has accepted or decided the matter."),
    _("The petition has no signature or fingerprint."),
    _("The denunciation does not meet the conditions for acceptance."),
    _("Other reason (see details)."),
]


class RefuseForm(StepForm):
    reason = forms.ChoiceField(label=_("Reason"))
    details = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    decided_on = forms.DateField(label=_("Date of the notice"), widget=DateInput(), validators=[not_in_future])
    number = forms.CharField(label=_("Notice number"), max_length=50, required=False)
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A complaint's own late ground (its rule's basis and last day), chosen already when the limit passed.
        reasons, late = refusal_reasons(self.petition, REFUSAL_REASONS, LATE_REASON)
        if late:
            self.initial.setdefault("reason", late)
        self.fields["reason"].choices = [("", "—")] + [(reason, reason) for reason in reasons]
        self.initial.setdefault("decided_on", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason"):
            # The service takes the reason as the citizen is told it: the chosen ground and the details.
            cleaned["reason"] = " ".join(
                part for part in (cleaned["reason"], cleaned.get("details", "").strip()) if part
            )
        return cleaned


class TransferForm(StepForm):
    to_unit = forms.ModelChoiceField(
        label=_("Competent unit in the portal"), queryset=Unit.objects.none(), required=False
    )
    to_name = forms.CharField(label=_("Or a body outside the portal"), max_length=255, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    is_public = show_to_citizen()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(valid_to__isnull=True).exclude(kind__in=LOCALITY_KINDS)
        if self.petition is not None:
            units = units.exclude(pk=self.petition.handling_unit_id)
        self.fields["to_unit"].queryset = units.order_by("name")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("to_unit") and not cleaned.get("to_name", "").strip():
            raise forms.ValidationError(
                _("Choose the unit to transfer to, or write the name of a body outside the portal.")
            )
        return cleaned


class DuplicateForm(StepForm):
    original = forms.CharField(label=_("Code of the original petition"), max_length=20)

    def clean_original(self):
        code = self.cleaned_data["original"].strip().upper()
        original = petitions_visible_to(self.user).filter(code=code).first()
        if original is None:
            raise forms.ValidationError(_("No petition with this code in your units."))
        return original


class AssignForm(StepForm):
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.petition is not None:
            self.fields["handler"].queryset = handlers_for(self.petition)


def handlers_for(petition):
    """Active handlers and leaders of the handling unit itself and of its sub-units (as
    permissions.can_be_assigned_petition), not the officials of the units above it."""
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name=Role.HANDLER) | Q(groups__name=Role.LEADER),
            is_active=True,
            memberships__unit__in=unit_with_descendants(petition.handling_unit),
        )
        .distinct()
        .order_by("full_name")
    )


class ExtendForm(StepForm):
    complexity = forms.ChoiceField(
        label=_("The case is"), choices=[c for c in Complexity.choices if c[0] != Complexity.NORMAL]
    )
    number = forms.CharField(label=_("Extension decision number"), max_length=50)
    decided_on = forms.DateField(label=_("Decision date"), widget=DateInput(), validators=[not_in_future])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ResolveForm(StepForm):
    """A complaint or denunciation ends in a decision or conclusion that finds it justified or not; a
    recommendation or feedback is answered in writing, with no such finding, so its form asks for the answer."""

    decided_on = forms.DateField(
        label=_("Date of the decision or answer"), widget=DateInput(), validators=[not_in_future]
    )
    number = forms.CharField(label=_("Decision number"), max_length=50, required=False)
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices], required=False)
    text = forms.CharField(
        label=_("Answer or summary of the decision"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("decided_on", timezone.localdate())
        if self.petition is not None and self.petition.kind in ANSWERED_KINDS:
            del self.fields["outcome"]
            self.fields["decided_on"].label = _("Date of the answer")
            self.fields["number"].label = _("Number of the written answer")
            self.fields["text"].label = _("Answer given to the citizen")
            self.fields["text"].required = True
            self.fields["text"].error_messages["required"] = _("Write the answer given to the citizen.")
        else:
            from .enforcement_forms import decision_result_fields

            self.fields.update(decision_result_fields())  # what the decision orders (forms 01/KQGQ, 03/KQGQ)

    def clean(self):
        cleaned = super().clean()
        cleaned.setdefault("outcome", "")  # the answer to a recommendation or feedback has none
        return cleaned


class WithdrawForm(StepForm):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DateInput(), validators=[not_in_future])
    partial = forms.BooleanField(label=_("Only part of the petition is withdrawn"), required=False)
    note = forms.CharField(
        label=_("What is withdrawn, and why"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    is_public = show_to_citizen()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("withdrawn_on", timezone.localdate())


class NoticeForm(StepForm):
    notified_on = forms.DateField(label=_("Notified on"), widget=DateInput(), validators=[not_in_future])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("notified_on", timezone.localdate())


class DelayForm(StepForm):
    reason = forms.CharField(label=_("Reason for the delay"), widget=forms.Textarea(attrs={"rows": 2}))
    committed_date = forms.DateField(label=_("Committed to finish by"), widget=DateInput())
    is_public = show_to_citizen()


class OverdueRequestForm(StepForm):
    """The superior body's written request for a report on an overdue denunciation (Luật Tố cáo Art 38)."""

    requested_on = forms.DateField(label=_("Date of the request"), widget=DateInput(), validators=[not_in_future])
    number = forms.CharField(label=_("Number of the request"), max_length=50, required=False)
    content = forms.CharField(
        label=_("What the resolver must report"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what the request asks the resolver to report.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("requested_on", timezone.localdate())


class OverdueReportForm(StepForm):
    """The resolver's report to the superior body on the overdue denunciation."""

    reported_on = forms.DateField(label=_("Date of the report"), widget=DateInput(), validators=[not_in_future])
    reasons = forms.CharField(
        label=_("Reasons for the delay"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the reasons for the delay.")},
    )
    measures = forms.CharField(label=_("Measures taken"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    committed_date = forms.DateField(label=_("Committed resolution date"), widget=DateInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("reported_on", timezone.localdate())


class TerminateForm(StepForm):
    decided_on = forms.DateField(label=_("Decision date"), widget=DateInput(), validators=[not_in_future])
    number = forms.CharField(label=_("Termination decision number"), max_length=50)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    is_public = show_to_citizen()
