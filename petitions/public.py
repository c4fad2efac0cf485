"""Citizens' pages: status lookup, online submission and satisfaction rating. No login."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django_ratelimit.core import get_usage

from danvan.client_ip import client_ip
from danvan.orgunits.models import Unit, UnitKind
from danvan.orgunits.selectors import body_in
from danvan.validators import citizen_id_validator, phone_validator
from danvan.workflow import DomainError

from . import selectors, services
from .forms import attachments_field
from .models import Category, Kind, SatisfactionRating
from .workflow import Status

# What each status means, in the words a citizen would use.
PLAIN_STATUS = {
    Status.RECEIVED: _("Your petition has been received and is being examined."),
    Status.CLASSIFIED: _("Your petition falls within this body's competence; acceptance is being decided."),
    Status.ACCEPTED: _("Your petition has been accepted and is being resolved."),
    Status.VERIFYING: _("The facts of your petition are being verified."),
    Status.RESOLVED: _("Your petition has been answered."),
    Status.NOT_ACCEPTED: _("Your petition was not accepted; the reason is below."),
    Status.TRANSFERRED: _("Your petition was sent to the body competent to resolve it."),
    Status.GUIDED: _("You have been told which body can resolve your petition."),
    Status.FILED: _("Your petition was filed without further action."),
    Status.DUPLICATE: _("Your petition repeats one already being handled."),
    Status.WITHDRAWN: _("Your petition was withdrawn."),
    Status.TERMINATED: _("The resolution of your petition was terminated."),
    Status.CLOSED: _("The handling of your petition is finished."),
}
RATEABLE = (Status.RESOLVED, Status.NOT_ACCEPTED, Status.WITHDRAWN, Status.TERMINATED, Status.CLOSED)
GENERIC_NOT_FOUND = _(
    "No petition matches this code and lookup key. Check both on your receipt (the key is 10 letters and digits)."
)


def _usage(request, group, key, rate, increment):
    return get_usage(request, group=group, key=lambda _group, _request: key, rate=rate, increment=increment)


def _lookup_blocked(request, code, increment=False):
    """Minutes to wait if this address or this code has had too many wrong keys, else 0."""
    rate = settings.LOOKUP_FAILURE_RATE
    waits = []
    for group, key in (("lookup-ip", client_ip(request)), ("lookup-code", (code or "").strip().upper())):
        usage = _usage(request, group, key, rate, increment)
        if usage and usage["count"] >= usage["limit"]:
            waits.append(usage["time_left"])
    return max(waits, default=0)


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Petition code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "DT-2026-000123"}),
    )
    key = forms.CharField(
        label=_("Lookup key"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "ABCDE-FGHJK"}),
    )


SCORE_FIELDS = ["access", "procedures", "official", "result", "feedback_handling"]


class RatingForm(forms.ModelForm):
    class Meta:
        model = SatisfactionRating
        fields = [*SCORE_FIELDS, "comment"]
        widgets = {**dict.fromkeys(SCORE_FIELDS, forms.RadioSelect), "comment": forms.Textarea(attrs={"rows": 2})}


def _status_page(request, petition, *, rating_form=None, thanks=False, status=200):
    public = selectors.public_status(petition)
    context = {
        "petition": petition,
        "plain_status": PLAIN_STATUS[petition.status],
        "events": public["events"],
        "answer": public["answer"],
        "can_rate": petition.status in RATEABLE and not public["rated"],
        "rated": public["rated"],
        "thanks": thanks,
        "rating_form": rating_form or RatingForm(),
        "code": petition.code,
        "key": request.POST.get("key", ""),
    }
    return render(request, "public/status.html", context, status=status)


def _looked_up(request):
    """(petition, None) for the code and key posted; (None, the lookup page with the reason) otherwise."""
    form = LookupForm(request.POST)
    if not form.is_valid():
        return None, render(request, "public/lookup.html", {"form": form})
    code = form.cleaned_data["code"]
    wait = _lookup_blocked(request, code)
    if wait:
        return None, _too_many(request, form, wait)
    petition = selectors.public_lookup(code, form.cleaned_data["key"])
    if petition is None:
        _lookup_blocked(request, code, increment=True)
        form.add_error(None, GENERIC_NOT_FOUND)
        return None, render(request, "public/lookup.html", {"form": form})
    return petition, None


def _too_many(request, form, seconds):
    minutes = max(1, -(-seconds // 60))
    message = _("Too many wrong attempts. For your petition's safety, try again in %(minutes)d minutes.") % {
        "minutes": minutes
    }
    form.add_error(None, message)
    return render(request, "public/lookup.html", {"form": form}, status=429)


@method_decorator(login_not_required, name="dispatch")
class LookupView(View):
    """Code + key from the receipt → the petition's public status. Nothing personal is shown."""

    def get(self, request):
        return render(request, "public/lookup.html", {"form": LookupForm()})

    def post(self, request):
        petition, refusal = _looked_up(request)
        return refusal or _status_page(request, petition)


@method_decorator(login_not_required, name="dispatch")
class RatingView(View):
    """The satisfaction rating, sent from the status page with the same code and key."""

    def post(self, request):
        petition, refusal = _looked_up(request)
        if refusal:
            return refusal
        rating = RatingForm(request.POST)
        if rating.is_valid():
            scores = {k: v for k, v in rating.cleaned_data.items() if k != "comment"}
            try:
                services.rate_petition(petition=petition, scores=scores, comment=rating.cleaned_data["comment"])
            except DomainError as error:
                rating.add_error(None, str(error))
            else:
                return _status_page(request, petition, thanks=True)
        return _status_page(request, petition, rating_form=rating, status=400)


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you sending?"),
        choices=[
            (Kind.RECOMMENDATION, _("A recommendation")),
            (Kind.FEEDBACK, _("Feedback about a problem")),
            (Kind.COMPLAINT_FIRST, _("A complaint about a decision or act of an administrative body")),
            (Kind.DENUNCIATION, _("A denunciation of a violation by an official or body")),
        ],
        widget=forms.RadioSelect,
    )
    locality = forms.ModelChoiceField(
        label=_("Where does it concern?"),
        queryset=Unit.objects.filter(kind__in=[UnitKind.PROVINCE, UnitKind.COMMUNE], valid_to__isnull=True).order_by(
            "kind", "name"
        ),
        help_text=_("Choose the commune or ward; choose the province for matters of provincial bodies."),
    )
    category = forms.ModelChoiceField(label=_("Field"), queryset=Category.objects.filter(is_active=True))
    summary = forms.CharField(label=_("Subject (one line)"), max_length=300)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 6}))
    respondent = forms.CharField(label=_("Person or body concerned (if any)"), max_length=300, required=False)
    full_name = forms.CharField(label=_("Your full name"), max_length=150, required=False)
    citizen_id = forms.CharField(
        label=_("Citizen ID number"), max_length=12, required=False, validators=[citizen_id_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )  # fmt: skip
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False, validators=[phone_validator])
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    files = attachments_field(label=_("Attachments (optional)"))
    # Left empty by people; filled by robots that fill every field.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") in (Kind.COMPLAINT_FIRST, Kind.DENUNCIATION):
            for field in ("full_name", "citizen_id"):
                if not cleaned.get(field):
                    self.add_error(field, _("Required for a complaint or a denunciation."))
        return cleaned


def receiving_unit_for(locality):
    """Online petitions go to the commune's People's Committee, or the province's reception office."""
    kind = UnitKind.RECEPTION_OFFICE if locality.kind == UnitKind.PROVINCE else UnitKind.PEOPLE_COMMITTEE
    return body_in(locality, kind) or locality


@method_decorator(login_not_required, name="dispatch")
class SubmitView(View):
    """Online submission; the confirmation shows the code and lookup key once, to print or note."""

    def get(self, request):
        return render(request, "public/submit.html", {"form": SubmissionForm()})

    def post(self, request):
        form = SubmissionForm(request.POST, request.FILES)
        usage = _usage(request, "submit-ip", client_ip(request), settings.SUBMISSION_RATE, increment=True)
        if usage and usage["should_limit"]:
            form.add_error(None, _("Too many petitions were sent from this connection. Please try again later."))
            return render(request, "public/submit.html", {"form": form}, status=429)
        if form.is_valid() and form.cleaned_data["website"]:
            form.add_error(None, _("The petition could not be sent. Please try again."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                petition = services.submit_online_petition(
                    data={
                        "kind": data["kind"],
                        "receiving_unit": receiving_unit_for(data["locality"]),
                        "category": data["category"],
                        "summary": data["summary"],
                        "content": data["content"],
                        "respondent": data["respondent"],
                    },
                    petitioner={
                        "full_name": data["full_name"],
                        "citizen_id": data["citizen_id"],
                        "phone": data["phone"],
                        "address": data["address"],
                    },
                    files=data["files"],
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                first = petition.deadlines.first()
                return render(request, "public/submitted.html", {"petition": petition, "first_deadline": first})
        return render(request, "public/submit.html", {"form": form})
