from datetime import date

import pytest

from danvan.orgunits.models import Unit, UnitKind, UnitLevel
from danvan.orgunits.selectors import ancestors_of, locality_of, unit_with_descendants
from danvan.orgunits.services import UnitTreeError, close_unit, create_unit, move_unit, path_segment
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    province = UnitFactory(name="Tỉnh A", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    commune = UnitFactory(name="Xã B", kind=UnitKind.COMMUNE, parent=province)
    committee = UnitFactory(name="UBND xã B", kind=UnitKind.PEOPLE_COMMITTEE, parent=commune)
    office = UnitFactory(name="Văn phòng UBND xã B", kind=UnitKind.DEPARTMENT, parent=committee)
    other = UnitFactory(name="Xã C", kind=UnitKind.COMMUNE, parent=province)
    return province, commune, committee, office, other


def test_create_unit_sets_the_path_from_the_root(tree):
    province, commune, committee, office, _other = tree
    assert province.path == f"{province.pk:08d}/"
    assert office.path == "".join(path_segment(u.pk) for u in (province, commune, committee, office))
    assert office.depth == 3


def test_descendants_and_ancestors(tree):
    province, commune, committee, office, other = tree
    assert set(unit_with_descendants(commune)) == {commune, committee, office}
    assert list(ancestors_of(office)) == [province, commune, committee]
    assert locality_of(office) == commune
    assert locality_of(commune) == commune


def test_move_unit_rewrites_the_whole_subtree(tree):
    province, commune, committee, office, other = tree
    move_unit(unit=committee, parent=other)
    committee.refresh_from_db()
    office.refresh_from_db()
    assert committee.parent == other
    assert committee.path == province.path + path_segment(other.pk) + path_segment(committee.pk)
    assert office.path == committee.path + path_segment(office.pk)
    assert set(unit_with_descendants(commune)) == {commune}
    assert set(unit_with_descendants(other)) == {other, committee, office}


def test_a_unit_cannot_move_under_its_own_subtree(tree):
    _province, commune, _committee, office, _other = tree
    with pytest.raises(UnitTreeError):
        move_unit(unit=commune, parent=office)
    commune.refresh_from_db()
    assert commune.parent.name == "Tỉnh A"


def test_moving_to_the_root(tree):
    _province, commune, committee, _office, _other = tree
    move_unit(unit=commune, parent=None)
    committee.refresh_from_db()
    assert committee.path == path_segment(commune.pk) + path_segment(committee.pk)


def test_close_unit_records_the_successor(tree):
    _province, commune, _committee, _office, other = tree
    close_unit(unit=commune, last_day=date(2025, 6, 30), successor=other)
    commune.refresh_from_db()
    assert commune.successor == other
    assert commune.is_active_on(date(2025, 6, 30))
    assert not commune.is_active_on(date(2025, 7, 1))
    assert list(other.predecessors.all()) == [commune]


def test_tree_order_is_parent_before_children(tree):
    province, commune, committee, office, other = tree
    assert list(Unit.objects.all()) == [province, commune, committee, office, other]


def test_prefix_of_one_id_does_not_match_another(tree):
    province = tree[0]
    many = [
        create_unit(name=f"Xã {i}", kind=UnitKind.COMMUNE, level=UnitLevel.COMMUNE, parent=province) for i in range(12)
    ]
    first = Unit.objects.get(pk=many[0].pk)
    assert set(unit_with_descendants(first)) == {first}
