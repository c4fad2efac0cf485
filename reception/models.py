from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.validators import citizen_id_validator

from .workflow import SessionStatus


class Recurrence(models.TextChoices):
    MONTHLY_DAYS = "monthly_days", _("Given days of each month")
    WEEKLY = "weekly", _("A weekday every week")
    NTH_WEEKDAY = "nth_weekday", _("The n-th weekday of each month")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class HolidayPolicy(models.TextChoices):
    MOVE_NEXT = "move_next", _("Move to the next working day")
    SKIP = "skip", _("Skip that session")


class ReceptionSchedule(models.Model):
    """A recurring reception day, e.g. the joint reception on the 25th of each month."""

    name = models.CharField(_("name"), max_length=200)
    hosts = models.ManyToManyField("orgunits.Unit", related_name="reception_schedules", verbose_name=_("host units"))
    recurrence = models.CharField(_("repeats"), max_length=20, choices=Recurrence.choices)
    days_of_month = models.CharField(
        _("days of the month"), max_length=50, blank=True, help_text=_("For monthly schedules, e.g. 10 or 10,25.")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, null=True, blank=True)
    nth = models.SmallIntegerField(
        _("which one"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-1), MaxValueValidator(5)],
        help_text=_("1 to 5 for the first to fifth, -1 for the last."),
    )
    presiding_position = models.CharField(_("presided by (position)"), max_length=200)
    presiding = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presiding official"),
    )
    place = models.CharField(_("place"), max_length=255)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    holiday_policy = models.CharField(
        _("when the day is a day off"), max_length=20, choices=HolidayPolicy.choices, default=HolidayPolicy.MOVE_NEXT
    )
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("reception schedule")
        verbose_name_plural = _("reception schedules")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="schedule_time_ordered"),
            models.CheckConstraint(
                condition=~Q(recurrence="monthly_days") | ~Q(days_of_month=""), name="schedule_monthly_has_days"
            ),
            models.CheckConstraint(
                condition=Q(recurrence="monthly_days") | Q(weekday__isnull=False), name="schedule_weekly_has_weekday"
            ),
            models.CheckConstraint(
                condition=~Q(recurrence="nth_weekday") | (Q(nth__isnull=False) & ~Q(nth=0)),
                name="schedule_nth_is_set",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """Each kind of recurrence needs its own fields; anything else would make sessions every day."""
        from django.core.exceptions import ValidationError

        errors = {}
        if self.recurrence == Recurrence.MONTHLY_DAYS:
            try:
                days = [int(day) for day in self.days_of_month.split(",") if day.strip()]
            except ValueError:
                days = []
            if not days or any(not 1 <= day <= 31 for day in days):
                errors["days_of_month"] = _("Write days of the month from 1 to 31, separated by commas, e.g. 10,25.")
        if self.recurrence in (Recurrence.WEEKLY, Recurrence.NTH_WEEKDAY) and self.weekday is None:
            errors["weekday"] = _("Choose the weekday.")
        if self.recurrence == Recurrence.NTH_WEEKDAY and self.nth in (None, 0):
            errors["nth"] = _("Choose which one: 1 to 5, or -1 for the last.")
        if errors:
            raise ValidationError(errors)


class ReceptionSession(models.Model):
    """One reception day, from a schedule or ad hoc (đột xuất)."""

    schedule = models.ForeignKey(
        ReceptionSchedule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("reception schedule"),
    )
    # The date the rule gave, before a move past a day off: materialising again finds it.
    rule_date = models.DateField(_("date given by the schedule"), null=True, blank=True)
    hosts = models.ManyToManyField("orgunits.Unit", related_name="reception_sessions", verbose_name=_("host units"))
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    place = models.CharField(_("place"), max_length=255)
    presiding_position = models.CharField(_("presided by (position)"), max_length=200)
    presiding = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planned presiding official"),
    )
    presided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presided_sessions",
        verbose_name=_("who actually presided"),
    )
    is_ad_hoc = models.BooleanField(_("ad hoc"), default=False)
    is_published = models.BooleanField(_("published"), default=True)
    status = models.CharField(_("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    status_reason = models.CharField(_("reason"), max_length=255, blank=True)
    # The day citizens were told before the session moved past a newly announced day off.
    moved_from = models.DateField(_("moved from"), null=True, blank=True)
    # Raised on each change of date or status: phone calendars replace an event only when its
    # SEQUENCE grows (RFC 5545 §3.8.7.4).
    revision = models.PositiveIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "rule_date"], name="session_once_per_rule_date"),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.place}"


class VisitOutcome(models.TextChoices):
    GUIDED = "guided", _("Guided to the competent body")
    EXPLAINED = "explained", _("Explained on the spot")
    PETITION = "petition", _("Petition received")
    REFUSED = "refused", _("Reception refused")


class RefusalReason(models.TextChoices):
    """The cases in which the officer may refuse to receive a person: Luật Tiếp công dân 2013, Điều 9."""

    INCAPACITY = (
        "incapacity",
        _(  # khoản 1
            "A person intoxicated by alcohol or stimulants, or with a mental illness or another illness that deprives "
            "them of the capacity to perceive or control their behaviour"
        ),
    )
    THREATS = (
        "threats",
        _(  # khoản 2
            "A person who threatens or insults the agency, organisation or unit, the reception officer or an official "
            "on duty, or otherwise breaks the rules of the reception place"
        ),
    )
    REPEATED = (
        "repeated",
        _(  # khoản 3
            "A person who still deliberately pursues a complaint or denunciation about a matter already settled "
            "in line with policy and law, reviewed and answered in writing by the competent state body, after "
            "being received, given explanations and guidance"
        ),
    )
    OTHER = "other", _("Other cases prescribed by law")  # khoản 4


class Visit(models.Model):
    """One visit (lượt tiếp) in a session: who came, about what, and what was done."""

    session = models.ForeignKey(
        ReceptionSession, on_delete=models.PROTECT, related_name="visits", verbose_name=_("reception session")
    )
    citizen_count = models.PositiveSmallIntegerField(
        _("number of people"), default=1, validators=[MinValueValidator(1)]
    )
    is_group = models.BooleanField(_("group delegation"), default=False)
    topic = models.CharField(_("matter"), max_length=300)
    category = models.ForeignKey("petitions.Category", on_delete=models.PROTECT, verbose_name=_("field"))
    kind = models.CharField(_("kind of matter"), max_length=20, choices=[
        ("complaint_1", _("Complaint")), ("denunciation", _("Denunciation")), ("recommendation", _("Recommendation")),
        ("feedback", _("Feedback")),
    ])  # fmt: skip
    outcome = models.CharField(_("result of the visit"), max_length=20, choices=VisitOutcome.choices)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=20, choices=RefusalReason.choices, blank=True)
    handled_before_by = models.CharField(_("body that already handled it"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    petition = models.ForeignKey(
        "petitions.Petition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petition received"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="refused") | ~Q(refusal_reason=""), name="visit_refusal_has_reason"
            ),
        ]

    def __str__(self):
        return self.topic


class Visitor(models.Model):
    """A citizen at a visit (identity given at reception since 1/7/2026)."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="visitors", verbose_name=_("visit"))
    full_name = models.CharField(_("full name"), max_length=150)
    citizen_id = models.CharField(_("citizen ID number"), max_length=12, blank=True, validators=[citizen_id_validator])
    address = models.CharField(_("address"), max_length=255, blank=True)
    is_representative = models.BooleanField(_("representative"), default=False)

    class Meta:
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")
        ordering = ["pk"]

    def __str__(self):
        return self.full_name


class NormPosition(models.TextChoices):
    """The positions a reception norm names, over time: the district ones ended with the district level
    on 1/7/2025 and stay for reporting earlier years. HĐND deputies and the Standing Committee receive
    by the schedule the Standing Committee sets (Luật Tiếp công dân 2013, Điều 22), so no fixed norm."""

    COMMUNE_CHAIRMAN = "commune_chairman", _("Chairman of a commune People's Committee")
    PROVINCE_CHAIRMAN = "province_chairman", _("Chairman of the provincial People's Committee")
    DISTRICT_CHAIRMAN = "district_chairman", _("Chairman of a district People's Committee")
    AGENCY_HEAD = "agency_head", _("Head of a state administrative agency")
    PROVINCE_SECRETARY = "province_secretary", _("Provincial Party secretary")
    DISTRICT_SECRETARY = "district_secretary", _("District Party secretary")
    COMMUNE_SECRETARY = "commune_secretary", _("Commune Party secretary")


class NormPeriod(models.TextChoices):
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")


class ReceptionNorm(models.Model):
    """The minimum periodic reception a head must hold in person (DOMAIN: reception norms)."""

    position = models.CharField(_("position"), max_length=30, choices=NormPosition.choices)
    required_days = models.PositiveSmallIntegerField(_("days required"), validators=[MinValueValidator(1)])
    period = models.CharField(_("per"), max_length=10, choices=NormPeriod.choices)
    may_delegate = models.BooleanField(_("may delegate to a deputy"), default=True)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("reception norm")
        verbose_name_plural = _("reception norms")
        ordering = ["position", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")), name="norm_period_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.get_position_display()}: {self.required_days} {self.get_period_display()}"


class ReceptionDuty(models.Model):
    """Which official holds a position the norms apply to, in which unit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reception_duties", verbose_name=_("official")
    )
    unit = models.ForeignKey("orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    position = models.CharField(_("position"), max_length=30, choices=NormPosition.choices)
    valid_from = models.DateField(_("since"))
    valid_to = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("reception duty")
        verbose_name_plural = _("reception duties")

    def __str__(self):
        return f"{self.user} – {self.get_position_display()}"


class VoterMeeting(models.Model):
    """A meeting of People's Council deputies with voters, before or after a session."""

    council = models.ForeignKey("orgunits.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("council"))
    date = models.DateField(_("date"), db_index=True)
    place = models.CharField(_("place"), max_length=255)
    deputies = models.CharField(_("deputies present"), max_length=500)
    council_session = models.CharField(_("for the council session"), max_length=255)
    is_before_session = models.BooleanField(_("before the session"), default=True)
    next_session_date = models.DateField(
        _("next council session"), help_text=_("Voters' recommendations must be answered before this date.")
    )
    voters_present = models.PositiveIntegerField(_("voters present"), default=0)
    record = models.TextField(_("record of the meeting"), blank=True)
    petitions = models.ManyToManyField(
        "petitions.Petition", blank=True, related_name="+", verbose_name=_("voters' recommendations")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("voter meeting")
        verbose_name_plural = _("voter meetings")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.place}"
