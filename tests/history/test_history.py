"""History rows: written by services with the actor, read back oldest first with readable labels."""

from datetime import date

import pytest

from danvan.history.models import Change, ChangeKind
from danvan.history.selectors import history_of
from danvan.history.services import record_change
from danvan.orgunits.models import UnitKind
from danvan.orgunits.services import close_unit, move_unit, update_unit
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_rows_of_one_object_only_oldest_first():
    first, second = UnitFactory(name="Xã A"), UnitFactory(name="Xã B")
    actor = UserFactory(full_name="Lò Văn Tâm")
    record_change(first, actor=actor, kind=ChangeKind.UPDATED, note="  tên mới  ")
    record_change(second, actor=None, kind=ChangeKind.UPDATED)
    rows = history_of(first)
    assert [(row.kind, row.actor, row.note) for row in rows] == [
        (ChangeKind.CREATED, None, ""),
        (ChangeKind.UPDATED, actor, "tên mới"),
    ]


def test_unit_services_record_who_changed_what():
    admin = UserFactory()
    province = UnitFactory(name="Tỉnh A", kind=UnitKind.PROVINCE)
    other = UnitFactory(name="Tỉnh B", kind=UnitKind.PROVINCE)
    commune = UnitFactory(name="Xã C", kind=UnitKind.COMMUNE, parent=province)
    update_unit(unit=commune, name="Xã C mới", actor=admin)
    update_unit(unit=commune, name="Xã C mới", actor=admin)  # nothing changed: no row
    move_unit(unit=commune, parent=other, actor=admin)
    close_unit(unit=commune, last_day=date(2025, 6, 30), actor=admin)
    rows = history_of(commune)
    assert [row.kind for row in rows] == [ChangeKind.CREATED, ChangeKind.UPDATED, ChangeKind.MOVED, ChangeKind.CLOSED]
    assert rows[0].note == "Tỉnh A"
    assert "Xã C mới" in rows[1].note
    assert rows[2].note == "Tỉnh A → Tỉnh B"
    assert all(row.actor == admin for row in rows[1:])
    assert Change.objects.filter(object_id=commune.pk, is_audit=False).count() == 4
