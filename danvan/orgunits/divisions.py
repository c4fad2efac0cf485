"""Loading provinces and communes from the `vietnam-provinces` package.

Each locality gets the standard bodies that act in citizen reception, petitions
and supervision (DOMAIN.md, "Organisation"). Loading is idempotent: localities
are matched by their official code, bodies by kind under their locality, so a
second run changes nothing and a renamed division is renamed in place.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.db import transaction
from vietnam_provinces import Province, VietNamDivisionType, Ward

from danvan.text import fold

from .models import Unit, UnitKind, UnitLevel
from .selectors import bodies_of
from .services import create_unit, update_unit


@dataclass(frozen=True)
class BodySpec:
    kind: UnitKind
    # {place} is "tỉnh Lai Châu" / "phường Tân Phong"; {short} is "Lai Châu" / "Tân Phong".
    province_name: str
    commune_name: str
    parent_kind: UnitKind | None = None
    province_only: bool = False


# Order matters: a body's parent must come before it.
STANDARD_BODIES = (
    BodySpec(UnitKind.PARTY_COMMITTEE, "{party} {short}", "Đảng ủy {place}"),
    BodySpec(
        UnitKind.MASS_MOBILISATION,
        "Ban Dân vận {party} {short}",
        "Ban Dân vận Đảng ủy {place}",
        parent_kind=UnitKind.PARTY_COMMITTEE,
    ),
    BodySpec(UnitKind.PEOPLE_COUNCIL, "HĐND {place}", "HĐND {place}"),
    BodySpec(
        UnitKind.COUNCIL_STANDING,
        "Thường trực HĐND {place}",
        "Thường trực HĐND {place}",
        parent_kind=UnitKind.PEOPLE_COUNCIL,
    ),
    BodySpec(UnitKind.PEOPLE_COMMITTEE, "UBND {place}", "UBND {place}"),
    BodySpec(UnitKind.FATHERLAND_FRONT, "Ủy ban MTTQ Việt Nam {place}", "Ủy ban MTTQ Việt Nam {place}"),
    BodySpec(
        UnitKind.INSPECTORATE,
        "Thanh tra {place}",
        "",
        parent_kind=UnitKind.PEOPLE_COMMITTEE,
        province_only=True,
    ),
    BodySpec(
        UnitKind.RECEPTION_OFFICE,
        "Ban Tiếp công dân {place}",
        "",
        parent_kind=UnitKind.PEOPLE_COMMITTEE,
        province_only=True,
    ),
)


def find_province(name_or_code):
    """The package's province for a code ("12") or a name ("Lai Châu", "lai chau")."""
    text = str(name_or_code).strip()
    if text.isdigit():
        return Province.from_code(int(text))
    wanted = fold(text)
    for province in Province.iter_all():
        names = {fold(province.name), province.codename.replace("_", " ")}
        if wanted in names or wanted.removeprefix("tinh ") in names:
            return province
    raise ValueError(f"No province matches {name_or_code!r}.")


def _province_place(province):
    if province.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG:
        short = province.name.removeprefix("Thành phố ").strip()
        return "Thành phố " + short, "thành phố " + short, short, "Thành ủy"
    return "Tỉnh " + province.name, "tỉnh " + province.name, province.name, "Tỉnh ủy"


def _commune_place(ward):
    # "Phường Tân Phong" → place "phường Tân Phong", short "Tân Phong"
    prefix = {
        VietNamDivisionType.XA: "Xã ",
        VietNamDivisionType.PHUONG: "Phường ",
        VietNamDivisionType.DAC_KHU: "Đặc khu ",
    }[ward.division_type]
    short = ward.name.removeprefix(prefix)
    return ward.name, prefix.lower() + short, short


def _upsert_locality(*, name, kind, level, code, parent):
    unit = Unit.objects.filter(kind=kind, division_code=code).first()
    if unit is None:
        return create_unit(name=name, kind=kind, level=level, parent=parent, division_code=code), True
    if unit.name != name:
        unit = update_unit(unit=unit, name=name)
    return unit, False


def _ensure_bodies(locality, *, level, place, short, party):
    created = 0
    by_kind = {unit.kind: unit for unit in bodies_of(locality)}
    for spec in STANDARD_BODIES:
        if spec.province_only and level != UnitLevel.PROVINCE:
            continue
        if spec.kind in by_kind:
            continue
        template = spec.province_name if level == UnitLevel.PROVINCE else spec.commune_name
        parent = by_kind[spec.parent_kind] if spec.parent_kind else locality
        by_kind[spec.kind] = create_unit(
            name=template.format(place=place, short=short, party=party),
            kind=spec.kind,
            level=level,
            parent=parent,
        )
        created += 1
    return created


@transaction.atomic
def load_province(name_or_code, *, with_communes=True):
    """Create or update a province, its communes and their standard bodies.

    Returns (province unit, number of units created).
    """
    province = find_province(name_or_code)
    name, place, short, party = _province_place(province)
    root, was_created = _upsert_locality(
        name=name,
        kind=UnitKind.PROVINCE,
        level=UnitLevel.PROVINCE,
        code=str(int(province.code)),
        parent=None,
    )
    created = int(was_created) + _ensure_bodies(root, level=UnitLevel.PROVINCE, place=place, short=short, party=party)
    if with_communes:
        wards = sorted(Ward.iter_by_province(province.code), key=lambda w: w.name)
        for ward in wards:
            ward_name, ward_place, ward_short = _commune_place(ward)
            commune, was_created = _upsert_locality(
                name=ward_name,
                kind=UnitKind.COMMUNE,
                level=UnitLevel.COMMUNE,
                code=str(int(ward.code)),
                parent=root,
            )
            created += int(was_created) + _ensure_bodies(
                commune, level=UnitLevel.COMMUNE, place=ward_place, short=ward_short, party=""
            )
    return root, created


# --- Choices for addresses: every province and commune of the package, loaded or not.


@lru_cache(maxsize=1)
def province_choices():
    """[(code, name)] of the 34 provinces, by name."""
    return sorted(((str(int(p.code)), p.name) for p in Province.iter_all()), key=lambda c: fold(c[1]))


@lru_cache(maxsize=64)
def commune_choices(province_code):
    """[(code, name)] of one province's communes, by name; empty for an unknown code."""
    try:
        code = int(province_code)
    except (TypeError, ValueError):
        return []
    wards = [w for w in Ward.iter_all() if int(w.province_code) == code]
    return sorted(((str(int(w.code)), w.name) for w in wards), key=lambda c: fold(c[1]))


@lru_cache(maxsize=1)
def _names():
    provinces = {str(int(p.code)): p.name for p in Province.iter_all()}
    communes = {str(int(w.code)): (w.name, str(int(w.province_code))) for w in Ward.iter_all()}
    return provinces, communes


def commune_in_province(commune_code, province_code):
    _provinces, communes = _names()
    return communes.get(str(commune_code), (None, None))[1] == str(province_code)


def place_name(province_code, commune_code=""):
    """ "Phường Tân Phong, Lai Châu" for the codes; blank parts are left out."""
    provinces, communes = _names()
    parts = [communes.get(str(commune_code), ("", ""))[0], provinces.get(str(province_code), "")]
    return ", ".join(part for part in parts if part)
