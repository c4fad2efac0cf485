from django.core.management.base import BaseCommand

from dashboard import summaries


class Command(BaseCommand):
    help = (
        "Bring the dashboard's summary tables up to date: the stale buckets, or with --all every summary, rebuilt "
        "from the petitions (needed after writes that send no signal: bulk loads, COPY, QuerySet.update)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Rebuild every summary, not only the stale buckets.")

    def handle(self, *args, all=False, **options):
        if all:
            summaries.rebuild_all(out=self.stdout.write if options["verbosity"] > 1 else None)
            self.stdout.write("Rebuilt every dashboard summary.")
        else:
            self.stdout.write(f"Rebuilt {summaries.refresh()} stale bucket(s).")
