"""The intake form's part on a complaint's limitation period, and the ground offered for not accepting.

Lodging late is a warning, not an error: the officer confirms it (or records a legal obstacle, whose time is
not counted) and nothing typed is lost. Whether to accept is decided later, in the "Do not accept" step.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput, not_in_future

from .limitation import FACT_FIELDS, Facts, assess, facts_errors, limitation_of, refusal_ground
from .models import COMPLAINT_KINDS, ComplaintSubject

# The box the officer ticks to record a complaint lodged after the limitation period.
CONFIRM_FIELD = "limitation_acknowledged"


def limitation_fields(*, editing=False):
    """The fields for what a complaint's limitation period counts from (Law on Complaints Art 9, 33, 48)."""
    fields = {
        "subject": forms.ChoiceField(
            label=_("The complaint is about"), choices=ComplaintSubject.choices, required=False
        ),
        "decision_known_on": forms.DateField(
            label=_("The complainant received or learned of the decision or act on"),
            widget=DateInput(),
            required=False,
            validators=[not_in_future],
            help_text=_("For a complaint about a disciplinary decision: the day the official received it."),
        ),
        "first_decision_on": forms.DateField(
            label=_("First-instance decision received on"),
            widget=DateInput(),
            required=False,
            validators=[not_in_future],
            help_text=_("Or, if none was made, the day the first-instance resolution period ended."),
        ),
        "obstacle_from": forms.DateField(label=_("Legal obstacle from"), widget=DateInput(), required=False),
        "obstacle_to": forms.DateField(label=_("Legal obstacle until"), widget=DateInput(), required=False),
        "obstacle_reason": forms.CharField(
            label=_("Obstacle"),
            max_length=255,
            required=False,
            help_text=_("Illness, natural disaster, war, work or study far away, another objective obstacle."),
        ),
    }
    if not editing:
        # The warning is for intake; after that the petition page shows the result.
        fields[CONFIRM_FIELD] = forms.BooleanField(
            label=_("Record it although the limitation period has passed"), required=False
        )
    return fields


def limitation_initial(petition):
    """The stored facts, for the correction form."""
    record = limitation_of(petition)
    return {field: getattr(record, field) if record else None for field in FACT_FIELDS}


def check_limitation(form, cleaned, kind):
    """Add the errors in the dates entered and, at intake, the unconfirmed warning on a late complaint;
    return the assessment (None when it cannot be computed)."""
    for field, message in facts_errors(cleaned, kind=kind):
        form.add_error(field, message)
    if kind not in COMPLAINT_KINDS or not cleaned.get("received_date"):
        return None
    result = assess(Facts.from_data(cleaned, kind=kind), received=cleaned["received_date"])
    if result and result.is_late and CONFIRM_FIELD in form.fields and not cleaned.get(CONFIRM_FIELD):
        form.add_error(CONFIRM_FIELD, result.warning())
    return result


def refusal_reasons(petition, reasons, late_reason):
    """The refusal grounds with the generic "time limit passed" replaced by the petition's own (its rule's
    basis and last day), and that ground as the initial choice when the limit passed (else None)."""
    reasons = [str(reason) for reason in reasons]
    record = limitation_of(petition) if petition is not None else None
    if record is None or record.rule is None:
        return reasons, None
    ground = refusal_ground(record)
    reasons[reasons.index(str(late_reason))] = ground
    return reasons, ground if record.is_late else None
