"""Backups round-trip: a generated data set and its files, backed up and restored to a fresh database,
lose no row and no file (danvan/ops/backup.py, manage.py backup_portal / restore_portal)."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from danvan.ops import backup
from petitions.models import Petition

# A flush before (a browser test) leaves no roles or seeds: put them back as the migrations made them.
pytestmark = pytest.mark.usefixtures("seeded_transactional_db")


def _fresh_database(tmp_path):
    """An empty database of the same engine, as a connection: a new SQLite file, or a new PostgreSQL database."""
    settings_dict = {**connection.settings_dict}
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
    else:
        settings_dict["NAME"] = f"{connection.settings_dict['NAME']}_restored"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    return connections["default"].__class__(settings_dict, alias="restored"), settings_dict["NAME"]


def _drop(fresh, name):
    fresh.close()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _write_files(root):
    (root / "private" / "petitions" / "2026" / "11").mkdir(parents=True)
    (root / "private" / "petitions" / "2026" / "11" / "don.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40)
    (root / "private" / "petitions" / "2026" / "11" / "anh chụp.jpg").write_bytes(b"\xff\xd8\xff" + b"\x01" * 5000)
    (root / "media").mkdir()
    (root / "media" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x02" * 300)


def _dangling_references():
    """Rows pointing at rows that do not exist (SQLite checks references only at commit)."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_key_check")
        return cursor.fetchall()


def test_a_generated_data_set_and_its_files_round_trip_with_nothing_lost(tmp_path, settings):
    assert _dangling_references() == []
    call_command("generate_petitions", 150, seed=5, today=date(2026, 11, 20), stdout=io.StringIO())
    _write_files(tmp_path / "live")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "live" / "private"
    settings.MEDIA_ROOT = tmp_path / "live" / "media"
    out = io.StringIO()
    call_command("backup_portal", str(tmp_path / "backup"), stdout=out)
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["rows"]["petitions_petition"] == Petition.objects.count() == 150
    assert manifest["rows"]["petitions_petitionevent"] > 150 and len(manifest["files"]) == 3
    assert "3 files" in out.getvalue()

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "restored" / "private"
    settings.MEDIA_ROOT = tmp_path / "restored" / "media"
    fresh, name = _fresh_database(tmp_path)
    try:
        assert backup.restore(tmp_path / "backup", conn=fresh) == []  # 0 rows, 0 files lost
        counts = backup.row_counts(fresh)
        assert counts == manifest["rows"] and sum(counts.values()) > 1000
        with fresh.cursor() as cursor:
            cursor.execute("SELECT code, lookup_key FROM petitions_petition ORDER BY id")
            restored = cursor.fetchall()
        assert restored == list(Petition.objects.order_by("id").values_list("code", "lookup_key"))
        jpg = tmp_path / "restored" / "private" / "petitions" / "2026" / "11" / "anh chụp.jpg"
        assert jpg.read_bytes() == b"\xff\xd8\xff" + b"\x01" * 5000

        # A second restore into the same database is refused: nothing is overwritten.
        with pytest.raises(backup.BackupError, match="already holds the portal's tables"):
            backup.restore(tmp_path / "backup", conn=fresh)
        # A lost row and a changed file are reported.
        with fresh.cursor() as cursor:
            cursor.execute(
                "DELETE FROM petitions_petitionevent WHERE id = (SELECT min(id) FROM petitions_petitionevent)"
            )
        if connection.vendor == "sqlite":
            fresh.commit()
        jpg.write_bytes(b"changed")
        problems = backup.verify(manifest, fresh)
        assert any(p.startswith("table petitions_petitionevent:") for p in problems)
        assert "file private/petitions/2026/11/anh chụp.jpg: checksum differs" in problems and len(problems) == 2
    finally:
        _drop(fresh, name)


def test_a_backup_goes_into_a_new_directory_and_a_restore_needs_a_backup(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_portal", str(tmp_path / "old"))
    with pytest.raises(CommandError, match="not a backup of the portal"):
        call_command("restore_portal", str(tmp_path))
    # Into the portal's own database, which holds its tables: refused.
    call_command("backup_portal", str(tmp_path / "b"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="already holds the portal's tables"):
        call_command("restore_portal", str(tmp_path / "b"))
