"""Indexes for the register at national scale: its order (newest first, ties by id) alone, within a status
and within a unit; and, on PostgreSQL only, a trigram index on the folded search text, so that
`search_text LIKE '%word%'` (a word of three letters or more) reads the matching rows instead of every row.
SQLite has no trigram index and keeps searching as before: there the trigram steps do nothing."""

from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

TRIGRAM_INDEX = "petition_search_trgm_idx"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    table = apps.get_model("petitions", "Petition")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {quote(TRIGRAM_INDEX)} ON {quote(table)} USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(TRIGRAM_INDEX)}")


class Migration(migrations.Migration):
    dependencies = [
        ("orgunits", "0002_field_labels"),
        ("petitions", "0018_rule_permissions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="petition", name="petition_received_idx"),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(fields=["received_date", "id"], name="petition_received_id_idx"),
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(fields=["status", "received_date", "id"], name="petition_status_received_idx"),
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(fields=["handling_unit", "received_date", "id"], name="petition_unit_received_idx"),
        ),
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it. A no-op elsewhere.
        TrigramExtension(),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
