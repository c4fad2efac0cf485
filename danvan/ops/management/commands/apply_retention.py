"""manage.py apply_retention [--dry-run]: anonymise now what the retention rules make due, or show it."""

from datetime import date

from django.core.management.base import BaseCommand

from danvan.ops import retention


class Command(BaseCommand):
    help = (
        "Anonymise the petitioners' personal data of petitions closed longer ago than the retention rules "
        "allow (and of reception visits that received no petition), as the nightly job does. With --dry-run, "
        "list what would be anonymised and change nothing. Prints numbers and codes, never a name."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would be anonymised; change nothing.")
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="Count the years up to this day (YYYY-MM-DD)."
        )
        parser.add_argument("--batch-size", type=int, default=retention.BATCH, help="Petitions per transaction.")

    def handle(self, *args, dry_run, today, batch_size, **options):
        if dry_run:
            self._preview(today)
            return
        run = retention.apply_retention(today=today, batch_size=max(batch_size, 1))
        by_kind = ", ".join(f"{kind}: {number}" for kind, number in sorted(run.petitions.items())) or "none"
        message = (
            f"Retention run {run.pk}: petitions anonymised {run.petitions_total} ({by_kind}), visits {run.visits}, "
            f"files removed {run.files_removed}, errors {run.errors}."
        )
        self.stdout.write(self.style.ERROR(message) if run.errors else self.style.SUCCESS(message))

    def _preview(self, today):
        petitions, visits = retention.preview(today)
        counts = {}
        for petition in petitions:
            kind = retention.RETENTION_KIND[petition.kind]
            counts[kind] = counts.get(kind, 0) + 1
            closed = petition.closed_at.date().isoformat()
            self.stdout.write(f"petition {petition.code or petition.pk}  {petition.kind}  closed {closed}")
        for visit in visits:
            self.stdout.write(f"visit #{visit.pk}  {visit.kind}  held {visit.session.date.isoformat()}")
        by_kind = ", ".join(f"{kind}: {number}" for kind, number in sorted(counts.items())) or "none"
        self.stdout.write(
            f"Dry run: would anonymise {len(petitions)} petitions ({by_kind}) and {len(visits)} visits "
            "without a petition. Nothing was changed."
        )
