"""manage.py generate_petitions N --seed S: a realistic generated province with N petitions, for benchmarks."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from demo.generate import generate, real_data


class Command(BaseCommand):
    help = (
        "Generate a realistic province (communes by size, officials, reception sessions and visits) and N "
        "petitions with their timelines, deadlines and decisions, in batches. Refuses a database holding "
        "real data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many petitions to make.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data (default 1).")
        parser.add_argument("--years", type=int, default=2, help="Received dates spread over this many years.")
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="The last received date, YYYY-MM-DD (default today)."
        )
        parser.add_argument("--province", default="Lai Châu", help="Province name or code (default Lai Châu).")
        parser.add_argument("--batch-size", type=int, default=5000, help="Petitions written per transaction.")
        parser.add_argument("--password", default=None, help="Let the generated officials log in with it.")
        parser.add_argument("--force", action="store_true", help="Run even on a database holding real data.")

    def handle(self, *args, count, seed, years, today, province, batch_size, password, force, **options):
        if count < 0 or years < 1 or batch_size < 1:
            raise CommandError("N must be 0 or more, --years and --batch-size at least 1.")
        found = real_data()
        if found and not force:
            raise CommandError(f"Refusing to generate into a database holding real data: {found}. Use --force.")
        made = generate(
            count,
            seed=seed,
            years=years,
            today=today,
            province=province,
            password=password,
            batch_size=batch_size,
            out=self.stdout.write,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {made['petitions']:,} petitions received {made['start']:%d/%m/%Y}–{made['today']:%d/%m/%Y}, "
                f"{made['events']:,} timeline events, {made['deadlines']:,} deadlines, {made['visits']:,} visits "
                f"with a petition, in {made['seconds']:.1f} s: {made['rate']:,.0f} petitions/s "
                f"({made['total_seconds']:.1f} s in all)."
            )
        )
