"""Back up the database and the uploaded files together, and restore them to a fresh database.

A backup is a directory:

    manifest.json   when, which database engine, the migrations applied, every table's row count and
                    every file's size and SHA-256, as they were in the backup's snapshot
    database.dump   PostgreSQL: pg_dump's custom format (restored by pg_restore)
    database.sqlite3  SQLite: a copy made by SQLite's online backup
    files/private/  petition attachments and other private files (PRIVATE_MEDIA_ROOT)
    files/media/    public media (MEDIA_ROOT)

On PostgreSQL the row counts and the dump read the same snapshot (an exported snapshot held open while
pg_dump runs), so a backup taken while officials work still matches its manifest. Files are copied after
the database: a file uploaded meanwhile is in the backup without its row, never the reverse.

A restore refuses a database that already holds the portal's tables (it never overwrites data) and file
folders that are not empty, then checks the result against the manifest: every table's rows and every
file's checksum. `verify` reports what differs.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from danvan.workflow import DomainError

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(DomainError):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def _file_roots():
    return {"private": Path(settings.PRIVATE_MEDIA_ROOT), "media": Path(settings.MEDIA_ROOT)}


def _checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_inventory(roots=None):
    """{"private/petitions/x.pdf": {"size": …, "sha256": …}, …} for every file under the roots."""
    inventory = {}
    for name, root in (roots or _file_roots()).items():
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            inventory[f"{name}/{path.relative_to(root).as_posix()}"] = {
                "size": path.stat().st_size,
                "sha256": _checksum(path),
            }
    return inventory


def _tables(conn):
    """The portal's tables (every installed model's, Django's own included)."""
    existing = set(conn.introspection.table_names())
    return sorted(table for table in conn.introspection.django_table_names(only_existing=False) if table in existing)


def row_counts(conn=None):
    conn = conn or connection
    quote = conn.ops.quote_name
    counts = {}
    with conn.cursor() as cursor:
        for table in _tables(conn):
            cursor.execute(f"SELECT count(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env(params):
    env = {**os.environ, "PGPASSWORD": str(params.get("PASSWORD") or "")}
    return env, [
        "-h", str(params.get("HOST") or "127.0.0.1"),
        "-p", str(params.get("PORT") or 5432),
        "-U", str(params.get("USER") or "postgres"),
    ]  # fmt: skip


def _applied_migrations():
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def backup(target):
    """Write a backup into the new directory `target`; its manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: a backup goes into a new directory.")
    target.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor == "postgresql":
        counts = _backup_postgresql(target)
    elif vendor == "sqlite":
        counts = _backup_sqlite(target)
    else:
        raise BackupError(f"No backup for the {vendor} database engine.")
    for name, root in _file_roots().items():
        destination = target / "files" / name
        if root.exists():
            shutil.copytree(root, destination)
        else:
            destination.mkdir(parents=True)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": vendor,
        "migrations": _applied_migrations(),
        "rows": counts,
        "files": file_inventory({name: target / "files" / name for name in _file_roots()}),
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def _backup_postgresql(target):
    params = connection.settings_dict
    env, args = _pg_env(params)
    # One snapshot for the counts and the dump: exported by a transaction held open while pg_dump runs.
    conn = connections.create_connection("default")
    try:
        conn.set_autocommit(False)
        with conn.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = row_counts(conn)
        command = ["pg_dump", *args, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
        command += ["--file", str(target / "database.dump"), params["NAME"]]
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        conn.rollback()
    finally:
        conn.close()
    return counts


def _backup_sqlite(target):
    connection.ensure_connection()
    counts = row_counts()
    destination = sqlite3.connect(target / "database.sqlite3")
    try:
        connection.connection.backup(destination)  # SQLite's online backup: one consistent copy
    finally:
        destination.close()
    return counts


def read_manifest(source):
    path = Path(source) / MANIFEST
    if not path.exists():
        raise BackupError(f"{source} holds no {MANIFEST}: not a backup of the portal.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} was written in another backup format ({manifest.get('format')}).")
    return manifest


def restore(source, *, conn=None):
    """Restore the backup in `source` into the (empty) database of `conn` (the portal's own by default) and
    the (empty) file folders; then verify it. The differences found (empty when nothing was lost)."""
    source = Path(source)
    manifest = read_manifest(source)
    conn = conn or connection
    if manifest["engine"] != conn.vendor:
        raise BackupError(f"The backup is of a {manifest['engine']} database; this one is {conn.vendor}.")
    if _tables(conn):
        raise BackupError(
            f"The database {conn.settings_dict['NAME']} already holds the portal's tables: restore into a new, "
            "empty database (nothing is overwritten)."
        )
    roots = _file_roots()
    for root in roots.values():
        if root.exists() and any(root.iterdir()):
            raise BackupError(f"{root} is not empty: restore the files into empty folders (nothing is overwritten).")
    if conn.vendor == "postgresql":
        _restore_postgresql(source, conn)
    else:
        _restore_sqlite(source, conn)
    for name, root in roots.items():
        shutil.copytree(source / "files" / name, root, dirs_exist_ok=True)
    return verify(manifest, conn)


def _restore_postgresql(source, conn):
    env, args = _pg_env(conn.settings_dict)
    command = ["pg_restore", *args, "--no-owner", "--no-privileges", "--exit-on-error"]
    command += ["--dbname", conn.settings_dict["NAME"], str(source / "database.dump")]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def _restore_sqlite(source, conn):
    conn.ensure_connection()
    origin = sqlite3.connect(source / "database.sqlite3")
    try:
        origin.backup(conn.connection)
    finally:
        origin.close()


def verify(manifest, conn=None):
    """What differs between a backup's manifest and the database and files now: a list of sentences."""
    conn = conn or connection
    problems = []
    counts = row_counts(conn)
    for table, expected in sorted(manifest["rows"].items()):
        found = counts.get(table)
        if found != expected:
            problems.append(f"table {table}: {found} rows, {expected} in the backup")
    files = file_inventory()
    for name, expected in sorted(manifest["files"].items()):
        found = files.get(name)
        if found is None:
            problems.append(f"file {name}: missing")
        elif found["sha256"] != expected["sha256"]:
            problems.append(f"file {name}: checksum differs")
    return problems
