"""manage.py load_divisions "Lai Châu" [more provinces…] | --all"""

from django.core.management.base import BaseCommand, CommandError
from vietnam_provinces import Province

from danvan.orgunits.divisions import load_province


class Command(BaseCommand):
    help = (
        "Load provinces and their communes from the vietnam-provinces package and create "
        "the standard bodies of each level. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("provinces", nargs="*", help='Province names or codes, e.g. "Lai Châu" or 12.')
        parser.add_argument("--all", action="store_true", help="Load all 34 provinces.")
        parser.add_argument("--without-communes", action="store_true", help="Only the province level and its bodies.")

    def handle(self, *args, **options):
        wanted = [str(int(p.code)) for p in Province.iter_all()] if options["all"] else options["provinces"]
        if not wanted:
            raise CommandError('Name at least one province (e.g. "Lai Châu") or pass --all.')
        for name_or_code in wanted:
            try:
                root, created = load_province(name_or_code, with_communes=not options["without_communes"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            communes = root.children.filter(kind="commune").count()
            self.stdout.write(f"{root.name}: {communes} communes, {created} units created.")
