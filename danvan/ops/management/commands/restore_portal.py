"""manage.py restore_portal DIR: a backup into a fresh database and empty file folders, then checked."""

from django.core.management.base import BaseCommand, CommandError

from danvan.ops import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_portal into the configured database, which must be new and empty, "
        "and into empty file folders; then compare every table's rows and every file's checksum with the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The backup's directory.")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup.read_manifest(directory)
            problems = backup.restore(directory)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"The restore differs from the backup in {len(problems)} places (listed above).")
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {len(manifest['rows'])} tables ({rows:,} rows) and {len(manifest['files'])} files, "
                f"backed up {manifest['created_at']}: 0 rows and 0 files lost."
            )
        )
