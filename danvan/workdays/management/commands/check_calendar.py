"""Compare the `holidays` package with the Government's known announcements, year by year."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.workdays import announcements, selectors
from danvan.workdays.calendar import WorkCalendar


def _status(working):
    return _("working day") if working else _("day off")


class Command(BaseCommand):
    help = (
        "For each year (default: every year with a known announcement), print the days where the holidays "
        "package and the Government's announcements disagree, and whether an override row settles them. "
        "Fails if an announced day is not so in the effective calendar."
    )

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="*", type=int)

    def handle(self, *args, years, **options):
        calendar = WorkCalendar()
        unsettled = 0
        for year in years or announcements.known_years():
            unsettled += self._year(year, calendar)
        if unsettled:
            raise CommandError(_("%(count)d announced day(s) are not so in the calendar.") % {"count": unsettled})

    def _year(self, year, calendar):
        findings = announcements.compare(year, calendar=calendar)
        self.stdout.write(self.style.MIGRATE_HEADING(str(year)))
        if not findings:
            self.stdout.write("  " + _("No announcement known for this year."))
        unsettled = 0
        for finding in findings:
            if finding.package_agrees and finding.settled:
                continue
            values = {
                "day": date_format(finding.day, "l d/m/Y"),
                "package": _status(finding.package_working),
                "announced": _status(finding.announced_working),
                "document": finding.announcement.number,
            }
            line = _("%(day)s: the package says %(package)s, %(document)s says %(announced)s") % values
            if finding.settled and finding.row is not None:
                self.stdout.write(f"  {line} – " + self.style.SUCCESS(_("settled by the row “%s”") % finding.row))
            else:
                unsettled += 1
                self.stdout.write(f"  {line} – " + self.style.ERROR(_("NOT settled: add an override row")))
        agreeing = sum(finding.package_agrees for finding in findings)
        if findings:
            self.stdout.write("  " + _("%(agree)d of %(total)d announced days agree with the package.") % {
                "agree": agreeing, "total": len(findings)})  # fmt: skip
        for day in selectors.days_to_confirm_pending(year=year):
            values = {"day": date_format(day.date, "d/m/Y"), "name": day.name}
            self.stdout.write("  " + self.style.WARNING(_("%(day)s %(name)s: a day off still to confirm") % values))
        return unsettled
