"""The generated province: its units from `vietnam-provinces` (danvan.orgunits.divisions.load_province, as
the demo loads them), a few departments, and officials for every body that handles petitions.

Officials are made in bulk with the `gen.` username prefix: the generator knows its own (and the demo's,
demo.people.PEOPLE) and refuses a database with anyone else. Without --password they cannot log in.
"""

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from danvan.accounts.models import Membership, User
from danvan.accounts.roles import Role
from danvan.orgunits.divisions import find_province, load_province
from danvan.orgunits.models import Unit, UnitKind, UnitLevel
from danvan.orgunits.selectors import bodies_of, body_in
from danvan.orgunits.services import create_unit
from petitions.models import Category

from . import texts

PREFIX = "gen."
CATEGORY_NAMES = (
    "Đất đai", "Nhà ở, xây dựng", "Chính sách xã hội, người có công", "Tài chính, ngân sách, thuế", "Môi trường",
    "Giao thông, hạ tầng", "Y tế, giáo dục", "Tư pháp, hộ tịch", "Cán bộ, công chức", "Khác",
)  # fmt: skip


@dataclass
class Body:
    """A unit that receives and handles petitions, with its officials."""

    unit: Unit
    key: str
    place: str = ""  # "xã Mường Kim": how the texts name the commune
    division_code: str = ""
    weight: float = 1.0
    is_remote: bool = False
    leaders: list = field(default_factory=list)
    handlers: list = field(default_factory=list)
    officers: list = field(default_factory=list)
    council: Unit | None = None


@dataclass
class Province:
    unit: Unit
    code: str
    short: str
    communes: list
    committee: Body  # UBND tỉnh
    inspectorate: Body
    reception: Body  # Ban Tiếp công dân tỉnh
    departments: list
    categories: dict
    top: Body  # the province itself: its leaders see every unit in it (as the demo's province leader)

    @property
    def bodies(self):
        return [self.committee, self.inspectorate, self.reception, *self.departments, *self.communes]

    @property
    def users(self):
        bodies = [self.top, *self.bodies]
        return [user for body in bodies for user in (*body.leaders, *body.handlers, *body.officers)]

    @property
    def leader(self):
        """The province's leader, who sees every petition of the province."""
        return self.top.leaders[0]


def build_province(name, rng, *, password=None):
    """Load the province and its communes, add departments and officials; return a Province."""
    package = find_province(name)
    root, _created = load_province(name)
    short = package.name.removeprefix("Thành phố ").strip()
    committee_unit = body_in(root, UnitKind.PEOPLE_COMMITTEE)
    departments = []
    for dep in texts.DEPARTMENTS:
        dep_name = f"{dep} {short}"
        unit = Unit.objects.filter(parent=committee_unit, name=dep_name).first() or create_unit(
            name=dep_name, kind=UnitKind.DEPARTMENT, level=UnitLevel.PROVINCE, parent=committee_unit
        )
        departments.append(Body(unit=unit, key=f"p{root.division_code}.so{len(departments) + 1}", weight=0.4))
    committee = Body(unit=committee_unit, key=f"p{root.division_code}.ubnd", weight=0.5)
    inspectorate = Body(unit=body_in(root, UnitKind.INSPECTORATE), key=f"p{root.division_code}.thanhtra", weight=1.0)
    reception = Body(unit=body_in(root, UnitKind.RECEPTION_OFFICE), key=f"p{root.division_code}.tiepdan", weight=1.5)
    communes = []
    for locality in Unit.objects.filter(parent=root, kind=UnitKind.COMMUNE).order_by("division_code"):
        bodies = {unit.kind: unit for unit in bodies_of(locality)}
        is_ward = locality.name.startswith("Phường")
        place = locality.name[0].lower() + locality.name[1:]
        communes.append(
            Body(
                unit=bodies[UnitKind.PEOPLE_COMMITTEE],
                key=f"c{locality.division_code}",
                place=place,
                division_code=locality.division_code,
                # Communes by size: a ward or a large commune gets several times the petitions of a small one.
                weight=rng.lognormvariate(0, 0.6) * (3 if is_ward else 1),
                is_remote=not is_ward and rng.random() < 0.4,
                council=bodies.get(UnitKind.PEOPLE_COUNCIL),
            )
        )
    categories = {}
    for order, category_name in enumerate(CATEGORY_NAMES):
        categories[category_name] = Category.objects.get_or_create(name=category_name, defaults={"order": order})[0]
    province = Province(
        unit=root,
        code=root.division_code,
        short=short,
        communes=communes,
        committee=committee,
        inspectorate=inspectorate,
        reception=reception,
        departments=departments,
        categories=categories,
        top=Body(unit=root, key=f"p{root.division_code}.tinh"),
    )
    _officials(province, rng, password)
    return province


# (attribute of Body, role, username part, position, how many) for communes and province bodies.
COMMUNE_STAFF = (
    ("leaders", Role.LEADER, "chutich", "Chủ tịch UBND {place}", 1),
    ("handlers", Role.HANDLER, "xuly", "Công chức Tư pháp – Hộ tịch {place}", 2),
    ("officers", Role.RECEPTION_OFFICER, "tiepdan", "Công chức Văn phòng – Thống kê {place}", 1),
)
TOP_STAFF = (("leaders", Role.LEADER, "lanhdao", "Phó Chủ tịch UBND {lower}", 1),)
PROVINCE_STAFF = (
    ("leaders", Role.LEADER, "lanhdao", "Lãnh đạo {unit}", 1),
    ("handlers", Role.HANDLER, "xuly", "Chuyên viên {unit}", 3),
    ("officers", Role.RECEPTION_OFFICER, "tiepdan", "Chuyên viên tiếp công dân, {unit}", 1),
)


def _person_name(rng):
    female = rng.random() < 0.45
    middle = rng.choice(texts.MIDDLE_FEMALE if female else texts.MIDDLE_MALE)
    given = rng.choice(texts.GIVEN_FEMALE if female else texts.GIVEN_MALE)
    return f"{rng.choice(texts.FAMILY)} {middle} {given}"


def _officials(province, rng, password):
    """Fill each body's leaders, handlers and officers: existing `gen.` users, or new ones made in bulk."""
    specs = []
    for body in [province.top, *province.bodies]:
        staff = TOP_STAFF if body is province.top else COMMUNE_STAFF if body.place else PROVINCE_STAFF
        for attribute, role, part, position, count in staff:
            for index in range(1, count + 1):
                lower = body.unit.name[0].lower() + body.unit.name[1:]
                title = position.format(place=body.place, unit=body.unit.name, lower=lower)
                specs.append((body, attribute, role, f"{PREFIX}{body.key}.{part}{index}", title))
    existing = {user.username: user for user in User.objects.filter(username__startswith=PREFIX)}
    hashed = make_password(password)
    new = [
        User(
            username=username,
            full_name=_person_name(rng),
            position_title=title[:150],
            email=f"{username}@example.gov.vn",
            password=hashed,
            is_active=True,
        )
        for _body, _attribute, _role, username, title in specs
        if username not in existing
    ]
    created = {user.username: user for user in User.objects.bulk_create(new)}
    if created:
        groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
        by_name = {username: (body, role) for body, _attribute, role, username, _title in specs}
        User.groups.through.objects.bulk_create(
            [
                User.groups.through(user_id=user.pk, group_id=groups[by_name[name][1]].pk)
                for name, user in created.items()
            ]
        )
        Membership.objects.bulk_create(
            [Membership(user=user, unit=by_name[name][0].unit, is_primary=True) for name, user in created.items()]
        )
    users = {**existing, **created}
    for body, attribute, _role, username, _title in specs:
        getattr(body, attribute).append(users[username])
