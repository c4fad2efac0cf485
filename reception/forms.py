import calendar as month_calendar
from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from danvan.forms import DateInput, not_in_future
from danvan.orgunits.models import Unit
from danvan.orgunits.selectors import current_bodies_in_trees_of, units_visible_to
from danvan.validators import citizen_id_validator
from danvan.workflow import allowed_targets
from petitions.models import Category

from . import selectors
from .models import RefusalReason, Visit, VisitOutcome, VoterMeeting
from .workflow import SESSION_CORRECTIONS, SessionStatus

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


# 24-hour times as officials write them: 07:30, 7.30 or 7h30.
TIME_FORMATS = ["%H:%M", "%H.%M", "%Hh%M", "%Hh"]
# More host bodies than this are a long list: a multiple select instead of checkboxes.
MAX_HOST_CHECKBOXES = 12


class TimeInput(forms.TimeInput):
    """A 24-hour hh:mm text box, like the day/month/year date box: Chromium's own time box shows
    AM/PM in some setups."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", attrs={"placeholder": "hh:mm", "maxlength": 5}, **kwargs)


def _time_field(label):
    return forms.TimeField(
        label=label,
        widget=TimeInput(),
        input_formats=TIME_FORMATS,
        error_messages={"invalid": _("Write the time as hh:mm, e.g. 07:30.")},
    )


class OneHostSelect(forms.Select):
    """A plain select for the hosts field when the user has a single host body to choose."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return [value] if value else []


class SessionStatusForm(forms.Form):
    """How the session went. Offered with only what it can become now (`offered`) and nothing chosen in
    advance; a form sent is checked against every status, so that the service says why one is refused."""

    status = forms.ChoiceField(
        label=_("The session was"),
        choices=[c for c in SessionStatus.choices if c[0] != SessionStatus.PLANNED],
        error_messages={"required": _("Choose what became of the session.")},
    )
    presided_by = forms.ModelChoiceField(
        label=_("Presided over in person by"), queryset=get_user_model().objects.none(), required=False
    )
    reason = forms.CharField(label=_("Reason (if postponed or cancelled)"), max_length=255, required=False)

    def __init__(self, *args, officials=None, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        if officials is not None:
            self.fields["presided_by"].queryset = officials
        if not self.is_bound and offered is not None:
            self.fields["status"].choices = [(status.value, status.label) for status in offered]
        self.fields["status"].choices = [("", "---------"), *self.fields["status"].choices]

    @property
    def has_choices(self):
        return self.is_bound or len(self.fields["status"].choices) > 1


class SessionCorrectionForm(forms.Form):
    """A leader's correction of a recorded status: the statuses the correction table allows from the current one."""

    status = forms.ChoiceField(label=_("The session actually was"))
    presided_by = forms.ModelChoiceField(
        label=_("Presided over in person by"), queryset=get_user_model().objects.none(), required=False
    )
    reason = forms.CharField(label=_("Reason for the correction"), max_length=255)

    def __init__(self, *args, session, officials, **kwargs):
        super().__init__(*args, **kwargs)
        targets = allowed_targets(SESSION_CORRECTIONS, session.status)
        # No status chosen in advance: the leader picks what the session actually was.
        self.fields["status"].choices = [("", "---------")] + [(status.value, status.label) for status in targets]
        self.fields["presided_by"].queryset = officials

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == SessionStatus.HELD and not cleaned.get("presided_by"):
            self.add_error("presided_by", _("Say who presided over the session in person."))
        return cleaned


class CalendarUnitForm(forms.Form):
    """The province or commune whose reception calendar a citizen looks at."""

    unit = forms.ModelChoiceField(
        label=_("Province or commune"),
        queryset=selectors.calendar_units(),
        required=False,
        empty_label=_("All units"),
        error_messages={"invalid_choice": _("Choose a province or commune from the list.")},
    )


class AdHocSessionForm(forms.Form):
    """An ad hoc (đột xuất) session of the user's units."""

    hosts = forms.ModelMultipleChoiceField(label=_("Host units"), queryset=None)
    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=DATE_FORMATS)
    start_time = _time_field(_("Starts at"))
    end_time = _time_field(_("Ends at"))
    place = forms.CharField(label=_("Place"), max_length=255)
    presiding_position = forms.CharField(
        label=_("Presided by (position)"),
        max_length=200,
        help_text=_("E.g. Chairman of the commune People's Committee."),
    )
    presiding = forms.ModelChoiceField(
        label=_("Presiding official"),
        queryset=None,
        required=False,
        help_text=_("An official of the host units, or a leader of their commune or province."),
        error_messages={
            "invalid_choice": _("Choose an official of the host units or a leader of their commune or province.")
        },
    )
    is_published = forms.BooleanField(
        label=_("Publish on the citizens' reception calendar"), required=False, initial=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        hosts = self.fields["hosts"]
        hosts.queryset = selectors.host_choices(user)
        count = hosts.queryset.count()
        if count == 1:
            hosts.widget = OneHostSelect(choices=hosts.choices)
        elif count <= MAX_HOST_CHECKBOXES:
            hosts.widget = forms.CheckboxSelectMultiple(choices=hosts.choices)
        else:
            hosts.widget = forms.SelectMultiple(choices=hosts.choices, attrs={"size": 8})
            hosts.help_text = _("Hold Ctrl (Cmd on a Mac) to choose several units.")
        # The officials of the hosts sent (or, on a blank form, of the user's own host bodies).
        self.fields["presiding"].queryset = selectors.presiding_choices(user, self._hosts_sent(user))

    def _hosts_sent(self, user):
        if not self.is_bound:
            return None
        key = self.add_prefix("hosts")
        sent = self.data.getlist(key) if hasattr(self.data, "getlist") else self.data.get(key) or []
        ids = [value for value in ([sent] if isinstance(sent, str | int) else sent) if str(value).isdigit()]
        return selectors.host_choices(user).filter(pk__in=ids)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return cleaned


class VisitForm(forms.ModelForm):
    visitors = forms.CharField(
        label=_("Citizens (one per line: full name; citizen ID number; address)"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Lò Văn Pọm; 012078001245; Tổ 12"}),
    )
    representatives = forms.CharField(
        label=_("Representatives of a group (names, one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    petition_content = forms.CharField(
        label=_("Content of the petition received"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    class Meta:
        model = Visit
        fields = ["kind", "category", "topic", "citizen_count", "is_group", "outcome", "refusal_reason",
                  "handled_before_by", "notes"]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, receiving_hosts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)
        # At a joint session the official may choose which of their host units receives a petition.
        if len(receiving_hosts) > 1:
            self.fields["receiving_unit"] = forms.ModelChoiceField(
                label=_("Unit receiving the petition"),
                queryset=Unit.objects.filter(pk__in=[host.pk for host in receiving_hosts]),
                initial=receiving_hosts[0],
                empty_label=None,
                required=False,
                help_text=_("A petition received at this session is registered and handled there."),
            )

    def clean_visitors(self):
        people = []
        for number, line in enumerate(self.cleaned_data["visitors"].splitlines(), start=1):
            if not line.strip():
                continue
            name, citizen_id, address = ([part.strip() for part in line.split(";")] + ["", ""])[:3]
            if not name:
                raise forms.ValidationError(_("Line %(n)d has no name.") % {"n": number})
            if citizen_id:
                try:
                    citizen_id_validator(citizen_id)
                except forms.ValidationError as error:
                    raise forms.ValidationError(
                        _("Line %(n)d: %(error)s") % {"n": number, "error": " ".join(error.messages)}
                    ) from error
            people.append({"full_name": name, "citizen_id": citizen_id, "address": address})
        if not people:
            raise forms.ValidationError(_("Enter at least the name of one citizen."))
        return people

    def clean(self):
        cleaned = super().clean()
        representatives = {n.strip() for n in cleaned.get("representatives", "").splitlines() if n.strip()}
        for person in cleaned.get("visitors") or []:
            person["is_representative"] = person["full_name"] in representatives
        if cleaned.get("outcome") == VisitOutcome.REFUSED and not cleaned.get("refusal_reason"):
            self.add_error("refusal_reason", _("Choose the legal reason for refusing the reception."))
        if (
            cleaned.get("outcome") == VisitOutcome.REFUSED
            and cleaned.get("refusal_reason") == RefusalReason.OTHER
            and not cleaned.get("notes", "").strip()
        ):
            self.add_error("notes", _("Name in the notes the legal provision that allows the refusal."))
        if cleaned.get("outcome") == VisitOutcome.PETITION and not cleaned.get("petition_content", "").strip():
            self.add_error("petition_content", _("Write the content of the petition received."))
        return cleaned

    def visit_data(self):
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


# The reception book is exported a year at a time at most (a leap year's 366 days).
MAX_BOOK_DAYS = 366
DATE_ERROR = _("Write the date as day/month/year, e.g. 25/03/2026.")


class BookPeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"required": _("Give the first day of the book."), "invalid": DATE_ERROR},
    )
    end = forms.DateField(
        label=_("Until"),
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"required": _("Give the last day of the book."), "invalid": DATE_ERROR},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period cannot come before its start."))
        elif start and end and (end - start).days >= MAX_BOOK_DAYS:
            self.add_error("end", _("The reception book is exported for at most one year at a time."))
        return cleaned


# The compliance page reads at most two years at once (three queries whatever the length, but a table to read).
MAX_COMPLIANCE_MONTHS = 24


class CompliancePeriodForm(forms.Form):
    """The unit (with its sub-units) and the period of the compliance page: this month unless told, or
    the month of `month=YYYY-MM`. The period counts the months whose 15th day it holds."""

    unit = forms.ModelChoiceField(
        label=_("Unit (with its sub-units)"),
        queryset=None,
        required=False,
        empty_label=_("All my units"),
        error_messages={"invalid_choice": _("Choose a unit from the list.")},
    )
    date_from = forms.DateField(label=_("From"), widget=DateInput(), input_formats=DATE_FORMATS, required=False)
    date_to = forms.DateField(label=_("Until"), widget=DateInput(), input_formats=DATE_FORMATS, required=False)

    def __init__(self, data, *, user, today):
        data = data.copy()
        self.bad_month = False
        if not data.get("date_from") and not data.get("date_to"):
            try:
                year, month = (int(part) for part in data.get("month", f"{today:%Y-%m}").split("-"))
                first = date(year, month, 1)
            except ValueError:
                self.bad_month, first = True, None
            if first is not None:
                last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
                data["date_from"], data["date_to"] = f"{first:%d/%m/%Y}", f"{last:%d/%m/%Y}"
        data.pop("month", None)
        super().__init__(data)
        self.fields["unit"].queryset = units_visible_to(user).order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if self.bad_month:
            raise forms.ValidationError(_("Choose the month as year-month, e.g. 2026-03."))
        if "date_from" not in self.errors and start is None:
            self.add_error("date_from", _("Give the start of the period."))
        if "date_to" not in self.errors and end is None:
            self.add_error("date_to", _("Give the end of the period."))
        if start is None or end is None:
            return cleaned
        if end < start:
            self.add_error("date_to", _("The end of the period cannot come before its start."))
        elif (end.year - start.year) * 12 + end.month - start.month > MAX_COMPLIANCE_MONTHS:
            self.add_error("date_to", _("Choose a period of at most two years."))
        elif not selectors.months_of(start, end):
            self.add_error(None, _("No month counts in this period: a month counts when its 15th day is in it."))
        return cleaned


class VoterMeetingForm(forms.ModelForm):
    class Meta:
        model = VoterMeeting
        fields = ["council", "date", "place", "deputies", "council_session", "is_before_session", "next_session_date",
                  "voters_present", "record"]  # fmt: skip
        widgets = {"record": forms.Textarea(attrs={"rows": 3}), "date": DateInput(), "next_session_date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = selectors.council_choices(user)
        for name in ("date", "next_session_date"):
            self.fields[name].input_formats = DATE_FORMATS
        self.fields["date"].validators.append(not_in_future)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("next_session_date") and cleaned["next_session_date"] <= cleaned["date"]:
            self.add_error("next_session_date", _("The next session must come after the meeting."))
        return cleaned

    def meeting_data(self):
        return {f: self.cleaned_data[f] for f in self.Meta.fields if f != "council"}


class VoterRecommendationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=None)
    category = forms.ModelChoiceField(label=_("Field"), queryset=Category.objects.filter(is_active=True))
    summary = forms.CharField(label=_("Recommendation (one line)"), max_length=300)
    content = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}))
    voter_name = forms.CharField(label=_("Voter's name (if given)"), max_length=150, required=False)

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Recommendations go to units of the council's own province.
        self.fields["unit"].queryset = current_bodies_in_trees_of([council] if council is not None else [])
