"""manage.py load_demo: a realistic province to try the portal on. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.alerts.services import deliver_alert, scan_deadlines
from danvan.orgunits.divisions import load_province
from demo.democracy import build_democracy
from demo.dialogues import build_dialogues
from demo.mediation import build_mediation
from demo.people import DEMO_PASSWORD, PEOPLE, build_people
from demo.petitions import build_petitions
from demo.reception import build_reception
from demo.supervision import build_supervision


class Command(BaseCommand):
    help = "Load Lai Châu's units, demo officials and petitions, then print the logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Allow demo accounts (with a published password) on a non-SQLite database.",
        )

    def handle(self, *args, **options):
        if connection.vendor != "sqlite" and not options["force"]:
            raise CommandError(
                "Refusing to create demo accounts with a known password on a production-type "
                "database. Use --force if this really is a demo server."
            )
        province, created = load_province("Lai Châu")
        self.stdout.write(f"{province.name}: {created} units created.")
        build_people()
        petitions = build_petitions()
        self.stdout.write(f"{len(petitions)} demo petitions.")
        sessions = build_reception()
        self.stdout.write(f"{sessions} reception sessions.")
        self.stdout.write(f"{build_supervision()} supervision recommendations and commitments.")
        self.stdout.write(f"{build_mediation()} grassroots mediation cases.")
        self.stdout.write(f"{build_democracy()} grassroots supervision boards with disclosures and consultations.")
        self.stdout.write(f"{build_dialogues()} dialogues of heads with the people.")
        # Today's reminders and escalations at once, so the inboxes are not empty until 06:00.
        delivered = [alert_id for alert_id in scan_deadlines() if deliver_alert(alert_id=alert_id)]
        self.stdout.write(f"{len(delivered)} deadline reminders and escalations delivered.")
        with translation.override(settings.LANGUAGE_CODE):
            header = _("Demo logins at %(url)s (the same password for all: %(password)s)") % {
                "url": settings.PORTAL_BASE_URL,
                "password": DEMO_PASSWORD,
            }
            self.stdout.write(self.style.SUCCESS(header))
            for person in PEOPLE:
                self.stdout.write(f"  {person.username:<18} {person.role.label} – {person.position_title}")
