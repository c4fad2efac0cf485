import pytest
from django.core.management import CommandError, call_command
from vietnam_provinces import Ward

from danvan.orgunits.divisions import find_province, load_province
from danvan.orgunits.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

LAI_CHAU = 12
COMMUNE_BODIES = {
    UnitKind.PARTY_COMMITTEE,
    UnitKind.MASS_MOBILISATION,
    UnitKind.PEOPLE_COUNCIL,
    UnitKind.COUNCIL_STANDING,
    UnitKind.PEOPLE_COMMITTEE,
    UnitKind.FATHERLAND_FRONT,
}


def test_find_province_by_name_with_or_without_accents_or_code():
    assert int(find_province("Lai Châu").code) == LAI_CHAU
    assert int(find_province("lai chau").code) == LAI_CHAU
    assert int(find_province("Tỉnh Lai Châu").code) == LAI_CHAU
    assert int(find_province("12").code) == LAI_CHAU
    with pytest.raises(ValueError):
        find_province("Không có tỉnh này")


def test_load_province_creates_every_commune_of_the_package_with_its_bodies():
    root, created = load_province("Lai Châu")
    wards = list(Ward.iter_by_province(LAI_CHAU))
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE, parent=root)
    assert communes.count() == len(wards) == 38
    assert {c.division_code for c in communes} == {str(int(w.code)) for w in wards}

    tan_phong = communes.get(name="Phường Tân Phong")
    bodies = Unit.objects.filter(path__startswith=tan_phong.path).exclude(pk=tan_phong.pk)
    assert {b.kind for b in bodies} == COMMUNE_BODIES
    assert bodies.get(kind=UnitKind.PEOPLE_COMMITTEE).name == "UBND phường Tân Phong"
    standing = bodies.get(kind=UnitKind.COUNCIL_STANDING)
    assert standing.parent.kind == UnitKind.PEOPLE_COUNCIL
    assert created == 1 + 8 + 38 * (1 + len(COMMUNE_BODIES))


def test_province_level_has_inspectorate_and_reception_office():
    root, _created = load_province("Lai Châu")
    names = dict(Unit.objects.filter(parent__parent=root).exclude(kind=UnitKind.COMMUNE).values_list("kind", "name"))
    assert names[UnitKind.INSPECTORATE] == "Thanh tra tỉnh Lai Châu"
    assert names[UnitKind.RECEPTION_OFFICE] == "Ban Tiếp công dân tỉnh Lai Châu"
    assert names[UnitKind.MASS_MOBILISATION] == "Ban Dân vận Tỉnh ủy Lai Châu"
    assert root.name == "Tỉnh Lai Châu"
    assert root.division_code == "12"


def test_loading_again_creates_nothing_and_restores_names():
    load_province("Lai Châu")
    before = Unit.objects.count()
    commune = Unit.objects.get(name="Phường Tân Phong")
    commune.name = "Tên gõ nhầm"
    commune.save(update_fields=["name"])

    _root, created = load_province("Lai Châu")

    assert created == 0
    assert Unit.objects.count() == before
    commune.refresh_from_db()
    assert commune.name == "Phường Tân Phong"


def test_centrally_run_city_is_named_as_a_city():
    root, _created = load_province("Hà Nội", with_communes=False)
    assert root.name == "Thành phố Hà Nội"
    assert set(root.children.values_list("name", flat=True)) >= {"UBND thành phố Hà Nội", "Thành ủy Hà Nội"}


def test_command(capsys):
    call_command("load_divisions", "Lai Châu")
    assert "Tỉnh Lai Châu: 38 communes" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("load_divisions", "Atlantis")
    with pytest.raises(CommandError):
        call_command("load_divisions")
