"""Writing generated rows in bulk: ids reserved ahead (petitions and deadlines point at each other), the
timestamps of the day things happened (not the day the generator ran), and one batch at a time."""

import csv
import io
import queue
import threading
from contextlib import contextmanager
from functools import cache
from operator import itemgetter

from django.db import connection, reset_queries
from django.db.models.base import ModelState
from django.utils import timezone


class IdPool:
    """Primary keys for `model` taken ahead in blocks, from the table's own sequence on PostgreSQL (so a
    petition recorded later through the services gets the next id and the next code, with no collision),
    and after the largest id used on SQLite (whose AUTOINCREMENT then continues after them)."""

    BLOCK = 2000

    def __init__(self, model):
        self.table = model._meta.db_table
        self.column = model._meta.pk.column
        self._free = []
        self._next_sqlite = None

    def take(self):
        if not self._free:
            self._free = self._reserve(self.BLOCK)
            self._free.reverse()
        return self._free.pop()

    def _reserve(self, count):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [self.table, self.column, count],
                )
                return [row[0] for row in cursor.fetchall()]
            if self._next_sqlite is None:
                quoted = connection.ops.quote_name(self.table)
                cursor.execute(f"SELECT MAX({connection.ops.quote_name(self.column)}) FROM {quoted}")
                largest = cursor.fetchone()[0] or 0
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [self.table])
                row = cursor.fetchone()
                self._next_sqlite = max(largest, row[0] if row else 0) + 1
        start, self._next_sqlite = self._next_sqlite, self._next_sqlite + count
        return list(range(start, start + count))


@contextmanager
def dated_as_given(*models):
    """Let bulk_create keep the created_at/updated_at/recorded_at values set on the objects: a generated event
    happened on its day, which the timeline, the carried-over count and the ratings period read. Only while
    the generator writes; the fields' auto_now/auto_now_add are put back after."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def forget_queries():
    """Under DEBUG Django keeps every query's SQL; a bulk insert's is megabytes. Drop them each batch."""
    reset_queries()


@cache
def maker(model):
    """The Maker of `model`, made once."""
    return Maker(model)


class Maker:
    """Instances of a model made without Model.__init__'s work per keyword (a third of a run's time): every
    concrete field starts at its default, as in __init__, so a field added later with a default or null is
    filled; then the given values, by attribute name or, for a relation, by field name with the object."""

    def __init__(self, model):
        self.model = model
        self.constant, self.callables, self.relations = {}, [], {}
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.callables.append((field.attname, timezone.now))
            elif field.has_default() and callable(field.default):
                self.callables.append((field.attname, field.default))
            else:
                self.constant[field.attname] = field.get_default()
            if field.is_relation:
                self.relations[field.name] = field.attname
        self.names = set(self.constant) | {attname for attname, _default in self.callables} | {"pk"}

    def __call__(self, **values):
        obj = self.model.__new__(self.model)
        obj._state = ModelState()
        data = obj.__dict__
        data.update(self.constant)
        for attname, default in self.callables:
            data[attname] = default()
        for name, value in values.items():
            if name in self.relations and name not in self.names:
                data[self.relations[name]] = None if value is None else value.pk
                obj._state.fields_cache[name] = value
            elif name == "pk":
                data[self.model._meta.pk.attname] = value
            elif name in self.names:
                data[name] = value
            else:
                raise TypeError(f"{self.model.__name__} has no field {name!r}")
        return obj


NULL = "\\N"


def insert(model, objects):
    """Write `objects`: by COPY on PostgreSQL (every concrete field, the id too when set), else bulk_create.
    The values are the objects' own: the generator sets the timestamps; nothing goes through pre_save.
    The rows are CSV made by the csv module (strings quoted as needed, in C); NULL is written \\N."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=2000)
        return
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and objects[0].pk is None)]
    special = [(n, f) for n, f in enumerate(fields) if f.get_internal_type() in ("JSONField", "BinaryField")]
    values = itemgetter(*[f.attname for f in fields])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for obj in objects:
        row = [NULL if value is None else value for value in values(obj.__dict__)]
        for number, field in special:
            row[number] = field.get_db_prep_save(row[number], connection)
        writer.writerow(row)
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')", buffer)


class Writer:
    """Writes the batches in order. On PostgreSQL, outside any transaction, in a thread with its own
    connection (the driver lets go of the interpreter while the server works), so the database stores one
    batch while the next is generated, and without waiting for each commit to reach the disk (generated data:
    a crash loses the last batches, never the database's consistency). Otherwise each batch at once."""

    def __init__(self):
        self.threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.error = None
        if self.threaded:
            self.queue = queue.Queue(maxsize=1)
            self.thread = threading.Thread(target=self._loop, name="generate-writer", daemon=True)
            self.thread.start()

    def put(self, batch):
        self._raise()
        if self.threaded:
            self.queue.put(batch)
        else:
            batch.write()

    def close(self):
        if self.threaded and self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        self._raise()

    def _raise(self):
        if self.error is not None:
            raise self.error

    def _loop(self):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO OFF")
            while (batch := self.queue.get()) is not None:
                if self.error is None:
                    try:
                        batch.write()
                    except Exception as error:  # handed to the generating thread, which raises it
                        self.error = error
        finally:
            connection.close()
