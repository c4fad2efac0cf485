"""manage.py backup_portal DIR: the database and the uploaded files, together, into a new directory."""

from django.core.management.base import BaseCommand, CommandError

from danvan.ops import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files together into a new directory, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A new (or empty) directory to write the backup into.")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup.backup(directory)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {len(manifest['rows'])} tables ({rows:,} rows) and {len(manifest['files'])} files "
                f"into {directory}."
            )
        )
