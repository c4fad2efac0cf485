"""A recognised team in Tân Phong (three mediators, one a woman) and a case before it."""

from datetime import date

import pytest

from mediation import services
from mediation.models import Gender, MediatorRole

START = date(2025, 3, 1)
MEDIATORS = [
    ("Lò Văn Chiến", Gender.MALE, MediatorRole.LEADER),
    ("Nguyễn Thị Lan", Gender.FEMALE, MediatorRole.MEMBER),
    ("Đỗ Văn Bình", Gender.MALE, MediatorRole.MEMBER),
]
PARTIES = [
    {"full_name": "Hoàng Văn Sáng", "address": "Tổ 5", "phone": "0912000111"},
    {"full_name": "Vàng Thị Dung", "address": "Tổ 5", "phone": ""},
]


def add_mediators(team, actor, people=MEDIATORS):
    return [
        services.add_mediator(team=team, actor=actor, full_name=name, gender=gender, role=role, from_date=START)
        for name, gender, role in people
    ]


@pytest.fixture
def forming_team(units, people):
    return services.create_team(
        actor=people["handler"],
        committee=units["committee"],
        name="Tổ hòa giải tổ dân phố số 5",
        area="Tổ dân phố số 5",
    )


@pytest.fixture
def team(forming_team, people):
    add_mediators(forming_team, people["handler"])
    return services.recognise_team(
        team=forming_team, actor=people["leader"], decision_number="15/QĐ-UBND", decision_date=date(2025, 3, 10)
    )


@pytest.fixture
def case(team, people, category):
    return services.record_case(
        actor=people["handler"],
        team=team,
        matter="Tranh chấp ranh giới đất giữa hai hộ tại tổ 5",
        details="Hai hộ liền kề tranh chấp khoảng 1 m đất ranh giới khi xây tường rào.",
        field=category,
        received_date=date(2026, 2, 2),
        parties=PARTIES,
    )
