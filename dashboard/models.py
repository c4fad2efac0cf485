from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportPolicy(models.Model):
    """The data cut-off day of periodic reports (configurable default: the 15th); one row."""

    cutoff_day = models.PositiveSmallIntegerField(
        _("data cut-off day"),
        default=15,
        validators=[MaxValueValidator(28)],
        help_text=_(
            "Periods run from this day of the month before to the day before it in the last month; "
            "0 for calendar months."
        ),
    )

    class Meta:
        verbose_name = _("report policy")
        verbose_name_plural = _("report policy")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]


# Summaries of the petitions, for the figures of the dashboard and the periodic reports (dashboard.summaries
# keeps them; dashboard.full_scan holds the same figures computed from the raw rows). Each table has one row
# per bucket (handling unit, received date) and a small dimension; a bucket is always rebuilt whole, from
# the same SQL as the full scan restricted to it, so a row is never adjusted by increments.


class SummaryBucket(models.Model):
    """A row of a summary: its bucket (handling unit, received date)."""

    unit = models.ForeignKey("orgunits.Unit", on_delete=models.CASCADE, related_name="+")
    received_date = models.DateField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.unit_id} {self.received_date}"


class PetitionSummary(SummaryBucket):
    """The petitions of a bucket of one kind: how many, with what flags, what their decisions ordered and
    their enforcement achieved (the cohort figures of forms 01/XLD, 01/KQGQ, 03/KQGQ and KNCT)."""

    kind = models.CharField(max_length=20)
    received = models.PositiveIntegerField(default=0)
    group = models.PositiveIntegerField(default=0)
    skipped_level = models.PositiveIntegerField(default=0)
    repeated = models.PositiveIntegerField(default=0)
    transferred = models.PositiveIntegerField(default=0)
    guided = models.PositiveIntegerField(default=0)
    # Voters' recommendations (channel voter_meeting): received, answered (resolved), still open.
    voter = models.PositiveIntegerField(default=0)
    voter_answered = models.PositiveIntegerField(default=0)
    voter_open = models.PositiveIntegerField(default=0)
    # The petitions accepted (within competence), and how their handling ended.
    accepted = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    terminated = models.PositiveIntegerField(default=0)
    being_resolved = models.PositiveIntegerField(default=0)
    justified = models.PositiveIntegerField(default=0)
    partly = models.PositiveIntegerField(default=0)
    unjustified = models.PositiveIntegerField(default=0)
    urged = models.PositiveIntegerField(default=0)
    # Over the resolution decisions of the accepted petitions, then over their enforcement.
    money_to_state = models.BigIntegerField(default=0)
    land_to_state = models.DecimalField(max_digits=20, decimal_places=1, default=0)
    money_to_citizens = models.BigIntegerField(default=0)
    land_to_citizens = models.DecimalField(max_digits=20, decimal_places=1, default=0)
    people_for_discipline = models.BigIntegerField(default=0)
    cases_to_investigation = models.BigIntegerField(default=0)
    people_to_investigation = models.BigIntegerField(default=0)
    enforcement_completed = models.PositiveIntegerField(default=0)
    enforcement_in_progress = models.PositiveIntegerField(default=0)
    money_to_state_recovered = models.BigIntegerField(default=0)
    land_to_state_recovered = models.DecimalField(max_digits=20, decimal_places=1, default=0)
    money_to_citizens_returned = models.BigIntegerField(default=0)
    land_to_citizens_returned = models.DecimalField(max_digits=20, decimal_places=1, default=0)
    people_disciplined = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "received_date", "kind"], name="petition_summary_bucket_kind")
        ]
        indexes = [
            models.Index(fields=["received_date"], name="petition_summary_date_idx"),
            # Hotspots count the repeated petitions of all time: only these rows.
            models.Index(fields=["unit"], name="petition_summary_repeated_idx", condition=models.Q(repeated__gt=0)),
        ]


class CategorySummary(SummaryBucket):
    """The petitions of a bucket in one field (category): the breakdown by field and its hotspots."""

    category = models.ForeignKey("petitions.Category", on_delete=models.CASCADE, related_name="+")
    received = models.PositiveIntegerField(default=0)
    repeated = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "received_date", "category"], name="category_summary_bucket_category"
            )
        ]
        indexes = [
            models.Index(fields=["received_date"], name="category_summary_date_idx"),
            models.Index(fields=["category"], name="category_summary_repeated_idx", condition=models.Q(repeated__gt=0)),
        ]


class FinishSummary(SummaryBucket):
    """The petitions of a bucket by the day their handling first finished (None: not yet), for the
    petitions carried over into a period: received before it, not finished when it began."""

    finished_on = models.DateField(null=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["unit", "received_date"], name="finish_summary_bucket_idx"),
            # Carried over reads only the rows still open on a day: unfinished or finished since.
            models.Index(fields=["finished_on"], name="finish_summary_finished_idx"),
        ]


class TimelinessSummary(SummaryBucket):
    """The resolved petitions of a bucket by the day their current resolution deadline was met:
    met on time (by the due date) or late."""

    met_on = models.DateField()
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["unit", "received_date"], name="timeliness_summary_bucket_idx"),
            models.Index(fields=["met_on"], name="timeliness_summary_met_idx"),
        ]


class StaleSummary(models.Model):
    """A bucket whose summaries a change made stale: by petition (its bucket is looked up when rebuilt) or by
    unit and day (the bucket a petition left). Written in the transaction of the change; the dashboard
    rebuilds the buckets before it reads and deletes exactly the rows it read, so a mark written meanwhile
    stays for the next read. Plain numbers, not foreign keys: a mark never blocks nor follows a deletion."""

    petition_id = models.BigIntegerField(null=True)
    unit_id = models.BigIntegerField(null=True)
    received_date = models.DateField(null=True)

    def __str__(self):
        return f"petition {self.petition_id}" if self.petition_id else f"{self.unit_id} {self.received_date}"
