"""The search text now also holds the petition's field, kind and handling unit: recompute it for
the rows recorded before. Self-contained (historical models, the composition as of this change),
so it keeps working however services._common._search_text evolves."""

from django.conf import settings
from django.db import migrations
from django.db.models import Prefetch
from django.utils import translation

from danvan.text import fold

BATCH = 500

# The kinds' labels as of this migration; the catalogue gives their Vietnamese.
KIND_LABELS = {
    "complaint_1": "Complaint (first instance)",
    "complaint_2": "Complaint (second instance)",
    "denunciation": "Denunciation",
    "recommendation": "Recommendation",
    "feedback": "Feedback",
}


def _text(petition, kind_labels):
    parts = [
        petition.code or "",
        petition.summary,
        petition.content,
        petition.respondent,
        petition.category.name,
        kind_labels.get(petition.kind, ""),
        petition.handling_unit.name,
    ]
    # A denouncer's identity is sealed: never searchable.
    if petition.kind != "denunciation":
        for person in petition.petitioners.all():
            parts += [person.full_name, person.citizen_id, person.phone]
    return fold(" ".join(part for part in parts if part))


def refresh_search_text(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    Petitioner = apps.get_model("petitions", "Petitioner")
    with translation.override(settings.LANGUAGE_CODE):
        kind_labels = {kind: translation.gettext(label) for kind, label in KIND_LABELS.items()}
    rows = (
        Petition.objects.select_related("category", "handling_unit")
        .prefetch_related(Prefetch("petitioners", queryset=Petitioner.objects.order_by("order", "pk")))
        .order_by("pk")
    )
    batch = []
    for petition in rows.iterator(chunk_size=BATCH):
        petition.search_text = _text(petition, kind_labels)
        batch.append(petition)
        if len(batch) >= BATCH:
            Petition.objects.bulk_update(batch, ["search_text"])
            batch = []
    Petition.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0007_escalation_readers"),
    ]

    operations = [
        migrations.RunPython(refresh_search_text, migrations.RunPython.noop),
    ]
