"""Demo officials: one per role at province level, and a commune pair.

Names are invented; units and positions follow how Lai Châu is organised.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from danvan.accounts.models import Membership, User
from danvan.accounts.roles import Role
from danvan.orgunits.models import Unit, UnitKind

DEMO_PASSWORD = "DanVan@2026"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    full_name: str
    position_title: str
    role: Role
    # (kind, name of the unit) for each membership; the first is the primary one.
    units: tuple[tuple[str, str], ...]
    is_staff: bool = False


PEOPLE = (
    DemoPerson(
        "quantri",
        "Trần Minh Đức",
        "Chuyên viên Văn phòng UBND tỉnh, quản trị hệ thống",
        Role.ADMINISTRATOR,
        ((UnitKind.PROVINCE, "Tỉnh Lai Châu"),),
        is_staff=True,
    ),
    DemoPerson(
        "lanhdao",
        "Lò Văn Hưng",
        "Phó Chủ tịch UBND tỉnh Lai Châu",
        Role.LEADER,
        ((UnitKind.PROVINCE, "Tỉnh Lai Châu"),),
    ),
    DemoPerson(
        "tiepdan",
        "Nguyễn Thị Hoa",
        "Chuyên viên Ban Tiếp công dân tỉnh",
        Role.RECEPTION_OFFICER,
        ((UnitKind.RECEPTION_OFFICE, "Ban Tiếp công dân tỉnh Lai Châu"),),
    ),
    DemoPerson(
        "xulydon",
        "Phạm Quốc Bảo",
        "Thanh tra viên, Thanh tra tỉnh",
        Role.HANDLER,
        ((UnitKind.INSPECTORATE, "Thanh tra tỉnh Lai Châu"),),
    ),
    DemoPerson(
        "giamsat",
        "Tòng Thị Mai",
        "Phó Trưởng Ban Pháp chế HĐND tỉnh",
        Role.SUPERVISOR,
        ((UnitKind.COUNCIL_STANDING, "Thường trực HĐND tỉnh Lai Châu"), (UnitKind.PROVINCE, "Tỉnh Lai Châu")),
    ),
    DemoPerson(
        "lanhdao.tanphong",
        "Đỗ Văn Long",
        "Chủ tịch UBND phường Tân Phong",
        Role.LEADER,
        ((UnitKind.PEOPLE_COMMITTEE, "UBND phường Tân Phong"),),
    ),
    DemoPerson(
        "xulydon.tanphong",
        "Lò Văn Tâm",
        "Công chức Tư pháp – Hộ tịch phường Tân Phong",
        Role.HANDLER,
        ((UnitKind.PEOPLE_COMMITTEE, "UBND phường Tân Phong"),),
    ),
    DemoPerson(
        "tiepdan.tanphong",
        "Lường Thị Thu",
        "Công chức Văn phòng – Thống kê phường Tân Phong",
        Role.RECEPTION_OFFICER,
        ((UnitKind.PEOPLE_COMMITTEE, "UBND phường Tân Phong"),),
    ),
)


@transaction.atomic
def build_people():
    """Create or reset the demo officials; returns them in PEOPLE's order."""
    users = []
    for person in PEOPLE:
        user, _created = User.objects.update_or_create(
            username=person.username,
            defaults={
                "full_name": person.full_name,
                "position_title": person.position_title,
                "email": f"{person.username}@laichau.example",
                "is_staff": person.is_staff,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=person.role)])
        for index, (kind, name) in enumerate(person.units):
            unit = Unit.objects.get(kind=kind, name=name)
            Membership.objects.update_or_create(user=user, unit=unit, defaults={"is_primary": index == 0})
        users.append(user)
    return users
