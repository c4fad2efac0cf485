"""The replica router (danvan/db.py): which database a marked page reads from. The real replica, its
lag and read-your-own-writes on PostgreSQL are proven by deploy/cluster-test."""

import pytest
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from danvan import db


def _view(seen):
    def view(request):
        seen.append(db.ReplicaRouter().db_for_read(None))
        return HttpResponse("ok")

    return view


@pytest.fixture
def replica(monkeypatch):
    """A configured replica whose answer to "may you serve this reader?" the test decides."""
    answers = {"serves": True, "positions": []}

    def serves(position):
        answers["positions"].append(position)
        return answers["serves"]

    monkeypatch.setattr(db, "replica_configured", lambda: True)
    monkeypatch.setattr(db, "_replica_serves", serves)
    return answers


def _get(cookie=None):
    request = RequestFactory().get("/dashboard/")
    request.user = type("User", (), {"is_authenticated": True})()
    if cookie is not None:
        request.COOKIES[db.WRITE_POSITION_COOKIE] = cookie
    return request


def test_a_marked_page_reads_from_the_replica_and_says_so(replica):
    seen = []
    response = db.reads_from_replica(_view(seen))(_get())
    assert seen == [db.REPLICA] and response["X-Read-Database"] == db.REPLICA
    # Outside the page, reads are the primary's again.
    assert db.ReplicaRouter().db_for_read(None) == DEFAULT_DB_ALIAS


def test_a_reader_the_replica_has_not_caught_up_with_reads_from_the_primary(replica):
    replica["serves"] = False
    seen = []
    response = db.reads_from_replica(_view(seen))(_get())
    assert seen == [DEFAULT_DB_ALIAS] and response["X-Read-Database"] == "primary"


def test_the_write_position_cookie_is_passed_only_when_its_signature_holds(replica):
    signed = _signed_position("0/3000060")
    db.reads_from_replica(_view([]))(_get(signed))
    db.reads_from_replica(_view([]))(_get("0/FFFFFFFF"))  # forged: unsigned
    assert replica["positions"] == ["0/3000060", None]


def test_a_read_inside_a_transaction_on_the_primary_stays_there(replica, transactional_db):
    seen = []

    def view(request):
        with transaction.atomic():
            seen.append(db.ReplicaRouter().db_for_read(None))
        seen.append(db.ReplicaRouter().db_for_read(None))
        return HttpResponse("ok")

    db.reads_from_replica(view)(_get())
    assert seen == [DEFAULT_DB_ALIAS, db.REPLICA]


def test_writes_and_migrations_go_to_the_primary_only():
    router = db.ReplicaRouter()
    token = db._reading_replica.set(True)
    try:
        assert router.db_for_write(None) == DEFAULT_DB_ALIAS
    finally:
        db._reading_replica.reset(token)
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "petitions") and not router.allow_migrate(db.REPLICA, "petitions")


def test_without_a_replica_pages_are_untouched():
    assert not db.replica_configured()
    seen = []
    response = db.reads_from_replica(_view(seen))(_get())
    assert seen == [DEFAULT_DB_ALIAS] and "X-Read-Database" not in response


def test_the_dashboard_and_the_report_are_marked():
    from dashboard import views

    assert _marked(views.dashboard) and _marked(views.report)
    assert not _marked(views._figures)


def _marked(view):
    while view is not None:
        if view.__code__ is db.reads_from_replica(lambda request: None).__code__:
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def _signed_position(position):
    response = HttpResponse()
    response.set_signed_cookie(db.WRITE_POSITION_COOKIE, position)
    return response.cookies[db.WRITE_POSITION_COOKIE].value
