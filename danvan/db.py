"""Reading from the streaming replica (REPLICA_DATABASE_URL), with read-your-own-writes.

Pages that only read and read a lot (the dashboard, the periodic report) are marked with
`reads_from_replica`; everything else, and every write, stays on the primary. Such a page is read
from the primary instead when:
- no replica is configured, or it does not answer (then it is left alone for REPLICA_RETRY seconds);
- the replica is further behind than settings.REPLICA_MAX_LAG seconds;
- the reader has written since the replica last caught up: after an unsafe request (POST…), the
  primary's WAL position is kept in a signed cookie, and the replica is used again only once it has
  replayed that position, so an official never sees a page older than their own change;
- the query runs inside a transaction on the primary (a read that leads to a write, such as the
  dashboard bringing its summaries up to date, reads what it will write over).

The response says which database the page was read from (X-Read-Database), for operators and the
cluster test (deploy/cluster-test).
"""

import logging
import time
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.core import signing
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

logger = logging.getLogger(__name__)

REPLICA = "replica"
WRITE_POSITION_COOKIE = "danvan_wal"
# Long enough for any replica that is working at all to replay a position; a replica further behind
# is not used anyway (REPLICA_MAX_LAG).
WRITE_POSITION_AGE = 10 * 60
# After the replica failed to answer, the primary serves the replica's pages this long.
REPLICA_RETRY = 30

_reading_replica = ContextVar("reading_replica", default=False)
_replica_down_until = 0.0


def replica_configured():
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Reads go to the replica only inside a page marked `reads_from_replica` and outside a transaction
    on the primary; writes and migrations always go to the primary."""

    def db_for_read(self, model, **hints):
        if _reading_replica.get() and not transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def replica_lag(cursor):
    """Seconds the replica is behind: 0 when it has replayed all it received, else the age of the
    last transaction it replayed; None when the database is not a standby."""
    cursor.execute(
        "SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL"
        " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
        " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
    )
    lag = cursor.fetchone()[0]
    return None if lag is None else float(lag)


def _replica_serves(position):
    """Whether the replica may serve this reader now (one query on the replica)."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    try:
        with connections[REPLICA].cursor() as cursor:
            lag = replica_lag(cursor)
            if lag is None or lag > settings.REPLICA_MAX_LAG:
                return False
            if position:
                cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position])
                return bool(cursor.fetchone()[0])
            return True
    except DatabaseError as error:
        _replica_down_until = time.monotonic() + REPLICA_RETRY
        logger.warning("Replica unavailable (%s); its pages read from the primary.", type(error).__name__)
        connections[REPLICA].close()
        return False


def _write_position(request):
    try:
        return request.get_signed_cookie(WRITE_POSITION_COOKIE, default=None, max_age=WRITE_POSITION_AGE)
    except signing.BadSignature:
        return None


def reads_from_replica(view):
    """Mark a read-only view to be read from the replica when it may (see the module's docstring)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not replica_configured() or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        # Who is asking is decided on the primary: a session or account changed a moment ago counts.
        request.user.is_authenticated  # noqa: B018 (loads the lazy user now)
        if not _replica_serves(_write_position(request)):
            response = view(request, *args, **kwargs)
            response["X-Read-Database"] = "primary"
            return response
        token = _reading_replica.set(True)
        try:
            response = view(request, *args, **kwargs)
        finally:
            _reading_replica.reset(token)
        response["X-Read-Database"] = REPLICA
        return response

    return wrapped


class WritePositionMiddleware:
    """After a request that may have written (POST, PUT, PATCH, DELETE), keep the primary's WAL position
    in a cookie, so the replica's pages wait for it (read-your-own-writes). Only with a replica."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.active = replica_configured() and connections[DEFAULT_DB_ALIAS].vendor == "postgresql"

    def __call__(self, request):
        response = self.get_response(request)
        if self.active and request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            try:
                with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                    cursor.execute("SELECT pg_current_wal_lsn()::text")
                    position = cursor.fetchone()[0]
            except DatabaseError:
                return response
            response.set_signed_cookie(
                WRITE_POSITION_COOKIE,
                position,
                max_age=WRITE_POSITION_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
