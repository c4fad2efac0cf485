"""Writing generated rows in bulk: ids reserved ahead (petitions and deadlines point at each other), the
timestamps of the day things happened (not the day the generator ran), and one batch at a time."""

from contextlib import contextmanager

from django.db import connection, reset_queries


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
