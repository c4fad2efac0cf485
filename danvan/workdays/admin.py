from django import forms
from django.contrib import admin, messages
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.workflow import DomainError

from . import selectors, services
from .models import DayOff, DayStatus, DayToConfirm, WorkingDay


def _days(days):
    return ", ".join(date_format(day, "SHORT_DATE_FORMAT") for day in days)


def _warn_days_to_confirm(model_admin, request):
    """A warning on the override pages while a day off still waits for its legal basis to be confirmed."""
    for day in selectors.days_to_confirm_pending():
        values = {"date": date_format(day.date, "d/m/Y"), "name": day.name}
        title = _("%(date)s (%(name)s) is a day off whose legal basis is not confirmed yet:") % values
        model_admin.message_user(request, format_html("{} {}", title, day.basis), messages.WARNING)


def _tell(model_admin, request, report):
    """Tell the administrator which days changed status and what the apps did about it."""
    if report.lines:
        items = format_html_join("", "<li>{}</li>", ((line,) for line in report.lines))
        changed = sorted(report.days_off + report.working_days)
        title = _("What was planned on %(days)s has changed:") % {"days": _days(changed)}
        model_admin.message_user(request, format_html("{}<ul class='mb-0'>{}</ul>", title, items), messages.WARNING)
    elif report.days_off:
        model_admin.message_user(
            request,
            _("%(days)s is no longer a working day; nothing was planned on it.") % {"days": _days(report.days_off)},
        )
    if report.working_days and not report.lines:
        model_admin.message_user(
            request,
            _("%(days)s is now a working day: nothing already planned was moved or added.")
            % {"days": _days(report.working_days)},
        )


class OverrideAdmin(admin.ModelAdmin):
    """Overrides are saved through the workdays services, which tell the apps that planned
    something on a day that changed status; the administrator is told what changed."""

    list_display = ["date", "name", "document_number", "document_date", "issuing_body"]
    date_hierarchy = "date"
    search_fields = ["name", "document_number", "issuing_body", "legal_basis"]
    fieldsets = [
        (None, {"fields": ["date", "name"]}),
        (
            gettext_lazy("Announcing document"),
            {"fields": ["document_type", "document_number", "document_date", "issuing_body", "legal_basis"]},
        ),
    ]

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            _warn_days_to_confirm(self, request)
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "GET":
            _warn_days_to_confirm(self, request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        _tell(self, request, services.save_override(override=obj, actor=request.user))

    def delete_model(self, request, obj):
        _tell(self, request, services.delete_override(override=obj, actor=request.user))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(DayOff)
class DayOffAdmin(OverrideAdmin):
    pass


@admin.register(WorkingDay)
class WorkingDayAdmin(OverrideAdmin):
    pass


class DecisionForm(forms.ModelForm):
    """Keep the day off as the package has it, or make the day a working day; the reason is kept."""

    CONFIRM, OVERRIDE = "confirm", "override"
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (CONFIRM, gettext_lazy("Confirm: it stays a day off")),
            (OVERRIDE, gettext_lazy("Override: it is a working day (an extra working day is recorded)")),
        ],
    )
    note = forms.CharField(
        label=gettext_lazy("Reason and document"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("Required to override: the document that makes the day a working day."),
    )

    class Meta:
        model = DayToConfirm
        fields = []

    def clean(self):
        cleaned = super().clean()
        if self.instance.status != DayStatus.PENDING:
            raise forms.ValidationError(_("This day was already decided."))
        if cleaned.get("decision") == self.OVERRIDE and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say why this day is a working day (e.g. the document that settles it)."))
        return cleaned


@admin.register(DayToConfirm)
class DayToConfirmAdmin(admin.ModelAdmin):
    """Days off the package computes on an unsettled legal basis; deciding goes through the services."""

    form = DecisionForm
    list_display = ["date", "name", "status", "decided_by", "decided_at"]
    list_filter = ["status"]
    readonly_fields = ["date", "name", "basis", "status", "decided_by", "decided_at", "decision_note"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # A decided day is read only: who decided, when and why stay as recorded.
        pending = obj is None or obj.status == DayStatus.PENDING
        return pending and super().has_change_permission(request, obj)

    def get_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None and self.has_change_permission(request, obj):
            fields += ["decision", "note"]
        return fields

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if data["decision"] == DecisionForm.OVERRIDE:
                report = services.override_day(day=obj, actor=request.user, note=data["note"])
                _tell(self, request, report)
            else:
                services.confirm_day(day=obj, actor=request.user, note=data.get("note", ""))
        except DomainError as error:
            self.message_user(request, str(error), messages.ERROR)

    def save_related(self, request, form, formsets, change):
        pass  # nothing related; the service saved what changed
