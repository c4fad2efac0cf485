"""Citizens' pages: status lookup, online submission and satisfaction rating. No login."""

import functools

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django_ratelimit.core import get_usage

from danvan.client_ip import client_ip
from danvan.forms import DateInput, not_in_future
from danvan.messaging import selectors as messaging_selectors
from danvan.messaging import services as messaging
from danvan.orgunits.models import Unit, UnitKind
from danvan.orgunits.selectors import body_in
from danvan.validators import citizen_id_validator, phone_validator
from danvan.workflow import DomainError

from . import calendar_changes, citizen_messages, selectors, services
from .forms import attachments_field
from .models import Category, Kind, SatisfactionRating, Stage
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
    """Seconds to wait if this address or this (normalised) code has had too many wrong keys, else 0."""
    rate = settings.LOOKUP_FAILURE_RATE
    waits = []
    for group, key in (("lookup-ip", client_ip(request)), ("lookup-code", code)):
        usage = _usage(request, group, key, rate, increment)
        if usage and usage["count"] >= usage["limit"]:
            waits.append(usage["time_left"])
    return max(waits, default=0)


class LookupForm(forms.Form):
    """Code and key as citizens type them: lower case, spaces, with or without hyphens.

    Both are put in their stored form here, before the lookup and the count of failed tries,
    so a code merely typed differently is neither "not found" nor a failed try.
    """

    code = forms.CharField(
        label=_("Petition code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "DT-2026-000123"}),
    )
    key = forms.CharField(
        label=_("Lookup key"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "ABCDE-FGHJK"}),
    )

    def clean_code(self):
        return selectors.normalise_code(self.cleaned_data["code"])

    def clean_key(self):
        return selectors.normalise_key(self.cleaned_data["key"])


SCORE_FIELDS = ["access", "procedures", "official", "result", "feedback_handling"]


class RatingForm(forms.ModelForm):
    class Meta:
        model = SatisfactionRating
        fields = [*SCORE_FIELDS, "comment"]
        widgets = {**dict.fromkeys(SCORE_FIELDS, forms.RadioSelect), "comment": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SCORE_FIELDS:
            # Only the five scores: no "---------" choice ticked in advance.
            self.fields[name].choices = SatisfactionRating.SCORES


# Stages whose deadline is the day the citizen must be told something (Luật TCD Art 28, Luật KN Art 27,
# Luật TC Art 29); the others end with the resolution or the answer itself.
NOTICE_STAGES = (Stage.PROCESSING, Stage.ACCEPTANCE, Stage.ACCEPTANCE_NOTICE)
# (while it runs, once it has passed without the unit having acted)
NOTICE_LABELS = (
    _("Citizen notice deadline: no later than %(date)s"),
    _("Citizen notice deadline: %(date)s, passed without a notice yet"),
)
ANSWER_LABELS = (
    _("Answer deadline: no later than %(date)s"),
    _("Answer deadline: %(date)s, passed without an answer yet"),
)
RESOLUTION_LABELS = (
    _("Resolution deadline: no later than %(date)s"),
    _("Resolution deadline: %(date)s, passed without a resolution yet"),
)


def _deadlines(petition):
    """The dates the citizen is waiting for on the petition now in hand, each in plain words."""
    if not petition.is_open:
        return []
    running = sorted([*filter(None, [petition.deadline]), *petition.notice_deadlines], key=lambda d: d.due_date)
    today = timezone.localdate()
    lines = []
    for deadline in running:
        if deadline.stage in NOTICE_STAGES:
            labels = NOTICE_LABELS
        elif petition.kind in (Kind.RECOMMENDATION, Kind.FEEDBACK):
            labels = ANSWER_LABELS
        else:
            labels = RESOLUTION_LABELS
        # A date already past is said to be past, never promised as "no later than".
        label = labels[1] if deadline.due_date < today else labels[0]
        lines.append(label % {"date": date_format(deadline.due_date, "SHORT_DATE_FORMAT")})
    return lines


def _rating_fields(form=None):
    """What the rating form shows: the five scores and the comment, with what the citizen chose and why it was
    refused after a refused try."""
    data = form.data if form is not None else {}
    errors = form.errors if form is not None else {}
    return {
        "fields": [
            {
                "name": name,
                "label": SatisfactionRating._meta.get_field(name).verbose_name,
                "value": str(data.get(name, "")),
                "errors": errors.get(name, []),
            }
            for name in SCORE_FIELDS
        ],
        "scores": [str(score) for score, _label in SatisfactionRating.SCORES],
        "comment": data.get("comment", ""),
        "comment_label": SatisfactionRating._meta.get_field("comment").verbose_name,
        "comment_errors": errors.get("comment", []),
        "errors": form.non_field_errors() if form is not None else [],
    }


RATING_FIELDS = "public/includes/rating_fields.html"


@functools.cache
def _blank_rating(language):
    """The rating form's fields as first offered, none chosen: the same for every citizen, so made once per
    language. Rendered field by field (through crispy-forms or not) it cost as much as the rest of the page."""
    with translation.override(language):
        return render_to_string(RATING_FIELDS, {"rating": _rating_fields()})


def _rating(form=None):
    """The rating form's fields as HTML: a refused try shows its choices and errors again."""
    if form is None:
        return _blank_rating(translation.get_language())
    return render_to_string(RATING_FIELDS, {"rating": _rating_fields(form)})


def _status_page(request, petition, *, rating_form=None, thanks=False, status=200):
    """The citizen's status page: only what it shows is read, and the rating form only when it is offered."""
    public = selectors.public_status(petition)
    first, current = public["chain"][0], public["current"]
    can_rate = current.status in RATEABLE and not public["rated"]
    refused = rating_form is not None and rating_form.errors
    rating = _rating(rating_form if refused else None) if can_rate or refused else None
    context = {
        "petition": first,
        "chain": public["chain"],
        "current": current,
        "plain_status": PLAIN_STATUS[current.status],
        "deadlines": _deadlines(current),
        "calendar_lines": calendar_changes.citizen_lines_for(current),
        "answer": public["answer"],
        "rating": rating,
        "rated": public["rated"],
        "thanks": thanks,
        "key": request.POST.get("key", "") if rating else "",
        # For the form that opens the e-mail and SMS choice (a POST, so the key stays out of addresses).
        "messages_key": request.POST.get("key", ""),
    }
    return render(request, "public/status.html", context, status=status)


def _looked_up(request):
    """(petition, None) for the code and key posted; (None, the lookup page with the reason) otherwise."""
    form = LookupForm(request.POST)
    if not form.is_valid():
        return None, render(request, "public/lookup.html", {"form": form})
    code = form.cleaned_data["code"]  # normalised by the form, so a differently typed code is not a failure
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
    """The satisfaction rating, sent from the status page with the same code and key. It rates the
    petition now in hand: after a transfer, the one at the body that answered."""

    def post(self, request):
        petition, refusal = _looked_up(request)
        if refusal:
            return refusal
        rating = RatingForm(request.POST)
        if rating.is_valid():
            scores = {k: v for k, v in rating.cleaned_data.items() if k != "comment"}
            try:
                current = selectors.public_status(petition)["current"]
                services.rate_petition(petition=current, scores=scores, comment=rating.cleaned_data["comment"])
            except DomainError as error:
                rating.add_error(None, str(error))
            else:
                return _status_page(request, petition, thanks=True)
        return _status_page(request, petition, rating_form=rating, status=400)


@method_decorator(login_not_required, name="dispatch")
class MessagesView(View):
    """The e-mail and SMS about a petition, reached from its status page with the same code and key: whether they
    are sent, and the citizen's choice to stop them or to have them again (recorded). Nothing personal is shown."""

    ACTIONS = {"stop": messaging.stop_citizen_messages, "resume": messaging.resume_citizen_messages}

    def post(self, request):
        petition, refusal = _looked_up(request)
        if refusal:
            return refusal
        followed = citizen_messages.followed_petition(petition)
        action = self.ACTIONS.get(request.POST.get("action", ""))
        subscription = action(followed=followed) if action else messaging_selectors.subscription_of(followed)
        context = {
            "petition": petition,
            "key": request.POST.get("key", ""),
            "stopped": subscription is not None and subscription.is_stopped,
            "stopped_at": subscription.stopped_at if subscription else None,
            "changed": action is not None,
            "channels": citizen_messages.contact_channels(followed),
        }
        return render(request, "public/messages.html", context)


class CitizenIdField(forms.CharField):
    """The 12-digit personal identification number, typed with spaces or dots if the citizen likes.

    No length limit of its own: the one validator says what is wrong, once.
    """

    def to_python(self, value):
        return "".join(ch for ch in super().to_python(value) if ch not in " .")


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
    # What the limitation period of a complaint counts from (Law on Complaints Art 9); the officer sees it.
    decision_known_on = forms.DateField(
        label=_("For a complaint: the day you received or learned of the decision or act"),
        required=False,
        widget=DateInput(),
        validators=[not_in_future],
        help_text=_("A complaint is lodged within 90 days of that day (Law on Complaints 2011, Art 9)."),
    )
    full_name = forms.CharField(label=_("Your full name"), max_length=150, required=False)
    citizen_id = CitizenIdField(
        label=_("Citizen ID number"), required=False, validators=[citizen_id_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 20}),
    )  # fmt: skip
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False, validators=[phone_validator])
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("With a name given, you are told by e-mail and SMS when your petition moves."),
    )
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    files = attachments_field(label=_("Attachments (optional)"))
    # Left empty by people; filled by robots that fill every field.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    IDENTITY_REQUIRED = {
        "full_name": _("A complaint or a denunciation must give the sender's full name."),
        "citizen_id": _("A complaint or a denunciation must give the sender's personal identification number."),
    }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") in (Kind.COMPLAINT_FIRST, Kind.DENUNCIATION):
            for field, message in self.IDENTITY_REQUIRED.items():
                # A value that failed its own check is not missing: its message already says what is wrong.
                if field not in self.errors and not cleaned.get(field):
                    self.add_error(field, message)
        return cleaned


def receiving_unit_for(locality):
    """Online petitions go to the commune's People's Committee, or the province's reception office."""
    kind = UnitKind.RECEPTION_OFFICE if locality.kind == UnitKind.PROVINCE else UnitKind.PEOPLE_COMMITTEE
    return body_in(locality, kind) or locality


def _submission(data):
    """The service's arguments from the form's cleaned data."""
    return {
        "data": {
            "kind": data["kind"],
            "receiving_unit": receiving_unit_for(data["locality"]),
            "category": data["category"],
            "summary": data["summary"],
            "content": data["content"],
            "respondent": data["respondent"],
            "decision_known_on": data.get("decision_known_on") if data["kind"] == Kind.COMPLAINT_FIRST else None,
        },
        "petitioner": {field: data[field] for field in ("full_name", "citizen_id", "phone", "email", "address")},
        "files": data["files"],
    }


# How long this browser may show the receipt after sending. The receipt's address carries neither
# the code nor the key (addresses reach server logs); the session says which petition it is, and
# the key is shown only in the session that filed the petition.
RECEIPT_MINUTES = 30
REPEAT_NOTICE = _(
    "You sent this same petition a few minutes ago, so it was not sent again. "
    "This is the receipt of the petition you sent."
)


def _remember_receipt(request, petition, created):
    now = timezone.now().timestamp()
    until = now + RECEIPT_MINUTES * 60
    sent = {pk: end for pk, end in request.session.get("online_sent", {}).items() if end > now}
    if created:
        sent[str(petition.pk)] = until
    request.session["online_sent"] = sent
    request.session["online_receipt"] = {"petition": petition.pk, "until": until}


def _receipt_in_session(request):
    """(petition id, whether its key may be shown) for this browser's receipt while it lasts, else None."""
    now = timezone.now().timestamp()
    receipt = request.session.get("online_receipt")
    if not receipt or receipt["until"] <= now:
        return None
    return receipt["petition"], request.session.get("online_sent", {}).get(str(receipt["petition"]), 0) > now


@method_decorator(login_not_required, name="dispatch")
class SubmitView(View):
    """Online submission; after it, the browser is sent to the receipt (Post/Redirect/Get), so a
    refresh shows the receipt again instead of sending the petition twice."""

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
            try:
                petition, created = services.submit_online_petition(**_submission(form.cleaned_data))
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                _remember_receipt(request, petition, created)
                if created:
                    messages.success(request, _("Your petition has been sent."))
                else:
                    messages.warning(request, REPEAT_NOTICE)
                return redirect("submitted")
        return render(request, "public/submit.html", {"form": form})


@method_decorator([login_not_required, never_cache], name="dispatch")
class ReceiptView(View):
    """The receipt of the petition this browser just sent: it can be refreshed, printed and
    bookmarked for RECEIPT_MINUTES, and is never stored by a cache."""

    def get(self, request):
        receipt = _receipt_in_session(request)
        if receipt is None:
            messages.info(
                request,
                _(
                    "A receipt is shown for %(minutes)d minutes after sending, on the device that sent the "
                    "petition. Check your petition with the code and the lookup key you noted."
                )
                % {"minutes": RECEIPT_MINUTES},
            )
            return redirect("lookup")
        petition_id, show_key = receipt
        petition = get_object_or_404(selectors.online_submissions(), pk=petition_id)
        context = {
            "petition": petition,
            "show_key": show_key,
            "first_deadline": petition.deadlines.first(),
            "minutes": RECEIPT_MINUTES,
        }
        return render(request, "public/submitted.html", context)
