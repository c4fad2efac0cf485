"""A realistic generated province for benchmarks: `manage.py generate_petitions N --seed S`.

Units come from the official division list and are loaded through danvan.orgunits (as the demo's are);
everything else is written in bulk through the models, in batches, because a million petitions through the
services would take days. What the services would write is written: the same statuses reached by the
same transitions, the deadlines of the rules in force (demo.generate.rules), the services' timeline notes,
codes from the petitions' own id sequence, the folded search text of petitions.services. Deterministic for a
seed and a `today`; memory bounded by the batch size.
"""

import random
import time
from datetime import datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation

from danvan.accounts.models import User
from dashboard.summaries import rebuild_all
from demo.people import PEOPLE
from petitions.models import Petition, PetitionDeadline, PetitionDecision, PetitionEvent, SatisfactionRating
from reception.models import Visit

from .life import clear_messages, short_date
from .petitions import PetitionGenerator, first_day
from .province import PREFIX, build_province
from .reception import build_reception
from .rules import Rules
from .store import dated_as_given


def real_data():
    """What in the database was made neither by this generator nor by the demo, as a short text (or "").

    Officials: anyone but the `gen.` users and the demo's. Petitions: any recorded by such an official; and,
    before the generator first ran here, any with no recorder (a citizen's own online submission: the demo
    makes none). After a first run, the database is the generator's and its online petitions are its own.
    """
    ours = Q(username__startswith=PREFIX) | Q(username__in=[person.username for person in PEOPLE])
    strangers = User.objects.exclude(ours)
    found = []
    if strangers.exists():
        names = ", ".join(strangers.order_by("pk").values_list("username", flat=True)[:3])
        found.append(f"{strangers.count()} official(s) neither generated nor demo ({names}…)")
    petitions = Petition.objects.filter(created_by__in=strangers)
    if not User.objects.filter(username__startswith=PREFIX).exists():
        petitions = Petition.objects.filter(Q(created_by__in=strangers) | Q(created_by__isnull=True))
    if petitions.exists():
        found.append(f"{petitions.count()} petition(s) not made by the generator or the demo")
    return "; ".join(found)


def generate(count, *, seed=1, years=2, today=None, province="Lai Châu", password=None, batch_size=5000, out=None):
    """Build (or reuse) the province, its officials and reception, then `count` petitions received over
    `years` years up to `today`. Returns what was made, with the time taken and the rate."""
    today = today or timezone.localdate()
    start = first_day(today, years)
    began = time.perf_counter()
    say = out or (lambda text: None)
    with translation.override(settings.LANGUAGE_CODE):
        rules = Rules()
        clear_messages()
        short_date.cache_clear()
        built = build_province(province, random.Random(f"{seed}:province"), password=password)
        say(f"{built.unit.name}: {len(built.communes)} communes, {len(built.users)} generated officials.")
        tz = ZoneInfo(settings.TIME_ZONE)
        reception_rng = random.Random(f"{seed}:reception")

        def stamp(day, rng):
            return datetime.combine(day, clock(8, 0), tzinfo=tz) + timedelta(minutes=rng.randint(0, 480))

        with dated_as_given(Petition, PetitionEvent, PetitionDeadline, PetitionDecision, Visit, SatisfactionRating):
            index = build_reception(built, reception_rng, rules, start=start, today=today, stamp=stamp)
            say(
                "Reception: {sessions} sessions, {visits} visits without a petition, "
                "{voter_meetings} voter meetings.".format(**index.made)
            )
            generator = PetitionGenerator(
                built, index, rules, seed=seed, start=start, today=today, tz=tz, batch_size=batch_size
            )
            petitions_began = time.perf_counter()

            def progress(done):
                elapsed = time.perf_counter() - petitions_began
                say(f"  {done:,} petitions ({done / elapsed:,.0f}/s)")

            made = generator.run(count, progress=progress)
    made["seconds"] = time.perf_counter() - petitions_began
    # Written in bulk, without the signals that keep the dashboard's summaries: rebuild them all.
    rebuild_all()
    made["total_seconds"] = time.perf_counter() - began
    made["rate"] = made["petitions"] / made["seconds"] if made["seconds"] else 0.0
    made["start"], made["today"] = start, today
    return made
