"""Forms for withdrawal with the Art. 33 choice and for the dialogue in complaint resolution (steps on the
petition page).

Apart from forms.py to keep that module under the house style's 500 lines; they validate input and nothing else.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput, not_in_future

from . import forms as petition_forms
from .models import ContinuationGround, Kind

# The handler's answer for a withdrawn denunciation: resolution ends, or continues on one of Art. 33's grounds.
NOT_CONTINUED = "not_continued"


class WithdrawForm(petition_forms.WithdrawForm):
    """A withdrawal; for a denunciation the handler also says whether it is still resolved and why
    (Luật Tố cáo 2018, Art. 33)."""

    continuation_ground = forms.ChoiceField(label=_("Is the denunciation still resolved?"), required=False)
    continuation_reason = forms.CharField(
        label=_("Why it is still resolved"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.petition is None or self.petition.kind != Kind.DENUNCIATION:
            del self.fields["continuation_ground"], self.fields["continuation_reason"]
            return
        ground = self.fields["continuation_ground"]
        ground.required = True
        ground.choices = [
            ("", "—"),
            (NOT_CONTINUED, _("No: the resolution ends with the withdrawal")),
            *[(value, _("Yes: %(ground)s") % {"ground": label}) for value, label in ContinuationGround.choices],
        ]
        ground.error_messages["required"] = _(
            "Say whether the denunciation is still resolved (Law on Denunciation 2018, Art. 33)."
        )
        ground.help_text = _(
            "It must still be resolved when the denounced act shows signs of a violation of the law, the "
            "withdrawal was coerced, or the denouncer used the denunciation to slander someone (Art. 33)."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("continuation_ground") == NOT_CONTINUED:
            cleaned["continuation_ground"] = ""
        elif cleaned.get("continuation_ground") and not cleaned.get("continuation_reason", "").strip():
            self.add_error("continuation_reason", _("Write why the denunciation is still resolved."))
        return cleaned


class DialogueFindingForm(petition_forms.StepForm):
    differs = forms.TypedChoiceField(
        label=_("Do the complainant's request and the verification result differ?"),
        choices=[("", "—"), ("yes", _("Yes: a dialogue is required")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Say whether the request and the verification result differ.")},
    )
    reason = forms.CharField(label=_("How they differ"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("differs") and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Write how the complainant's request and the verification result differ."))
        return cleaned


class DialogueForm(petition_forms.StepForm):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput(), validators=[not_in_future])
    place = forms.CharField(label=_("Place"), max_length=255)
    participants = forms.CharField(
        label=_("Participants"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The complainant, the person complained against, people with related rights, bodies concerned."),
    )
    content = forms.CharField(label=_("Content and opinions"), widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.CharField(label=_("Result of the dialogue"), widget=forms.Textarea(attrs={"rows": 2}))
    minutes = forms.FileField(
        label=_("Minutes of the dialogue (scan)"),
        help_text=_("Signed or fingerprinted by the participants (Law on Complaints, Art. 30(4))."),
        validators=[petition_forms.check_upload],
        error_messages={"required": _("Attach the minutes of the dialogue, signed by the participants.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("held_on", timezone.localdate())
