"""Generated citizens: names, 12-digit identity numbers, phones and addresses in the province's communes.

An identity number has the published shape of the personal identification number: 3 digits of the province
where the birth was registered, 1 of sex and century, 2 of the year of birth, 6 random. Invented, never a
real person's; only its 12 digits are checked by the portal (danvan.validators)."""

from petitions.models import Kind

from . import texts
from .province import _person_name


def citizen_id(rng, province_code):
    century_sex = rng.choice("010123")  # 0/1: born 1900s male/female; 2/3: 2000s
    year = rng.randint(0, 6) if century_sex in "23" else rng.randint(40, 99)
    return f"{int(province_code):03d}{century_sex}{year:02d}{rng.randint(0, 999_999):06d}"


def phone(rng):
    prefix = rng.choice(("912", "983", "378", "966", "868", "915", "388"))
    return f"0{prefix} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}"


def village(rng):
    return f"{rng.choice(texts.VILLAGE_PREFIXES)} {rng.choice(texts.VILLAGE_NAMES)}"


def person(rng, province, body, *, representative=False):
    """A citizen living in the body's commune (or anywhere in the province, for a province body)."""
    commune = body if body.division_code else rng.choice(province.communes)
    return {
        "full_name": _person_name(rng),
        "citizen_id": citizen_id(rng, province.code) if rng.random() < 0.9 else "",
        "province_code": province.code,
        "commune_code": commune.division_code,
        "address": village(rng),
        "phone": phone(rng) if rng.random() < 0.7 else "",
        "is_representative": representative,
    }


def visit_kind(kind):
    """A visit records complaints without their instance (reception.models.Visit.kind)."""
    return Kind.COMPLAINT_FIRST.value if kind in (Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND) else str(kind)
