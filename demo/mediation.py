"""A year of grassroots mediation in eight Lai Châu communes: two recognised teams each (three to five mediators,
at least one a woman), cases received over the last twelve months — most settled, some unsuccessful and a few of
those back as petitions at the commune, the latest still being mediated — and petitions guided to a team.

Dates are relative to the day the demo is loaded; the choices come from a seeded generator, so every load
builds the same year. Names are invented. Everything goes through the services, as officials would.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.orgunits.models import Unit, UnitKind
from mediation import services
from mediation.models import Gender, MediationCase, MediationTeam, MediatorRole
from mediation.workflow import CaseStatus
from petitions import services as petition_services
from petitions.models import Category, Channel, Kind, Petition
from petitions.steps import take_step

# (commune People's Committee, villages or residential groups of its two teams)
COMMUNES = [
    ("UBND phường Tân Phong", ["Tổ dân phố số 5", "Tổ dân phố số 12"]),
    ("UBND phường Đoàn Kết", ["Tổ dân phố số 3", "Tổ dân phố số 8"]),
    ("UBND xã Bình Lư", ["Bản Chu Va", "Bản Nà Ít"]),
    ("UBND xã Sìn Hồ", ["Bản Hô Ta", "Bản Sin Câu"]),
    ("UBND xã Than Uyên", ["Bản Lả Mường", "Bản Phiêng Pẳng"]),
    ("UBND xã Phong Thổ", ["Bản Vàng Pheo", "Bản Na Cúng"]),
    ("UBND xã Mường Tè", ["Bản Phìn Khò", "Bản Nậm Củm"]),
    ("UBND xã Tân Uyên", ["Bản Nà Bó", "Bản Hua Chăng"]),
]
# Tân Phong has its own officials in the demo; elsewhere the province's leader records for the commune.
LOCAL_OFFICIALS = {"UBND phường Tân Phong": ("xulydon.tanphong", "lanhdao.tanphong", "tiepdan.tanphong")}
PROVINCE_OFFICIALS = ("lanhdao", "lanhdao", "lanhdao")

FAMILY = ["Lò", "Tòng", "Lường", "Vàng", "Giàng", "Đèo", "Nguyễn", "Hoàng", "Sùng", "Lý", "Tao", "Quàng"]
MEN = ["Văn Chiến", "Văn Thắng", "A Páo", "A Chứ", "Văn Hưng", "Văn Khánh", "A Sử", "Văn Pọm", "Văn Tiến"]
WOMEN = ["Thị Lan", "Thị Mai", "Thị Hoa", "Thị Dung", "Thị Pằng", "Thị Xuân", "Thị Hiền", "Thị Bun"]

# (field, matter, details)
MATTERS = [
    ("Đất đai", "Tranh chấp ranh giới đất giữa hai hộ liền kề",
     "Hai hộ liền kề không thống nhất mốc ranh giới khi một hộ xây tường rào."),
    ("Đất đai", "Tranh chấp lối đi chung vào khu dân cư",
     "Một hộ rào lối đi chung mà nhiều hộ vẫn sử dụng để ra đường chính."),
    ("Đất đai", "Tranh chấp quyền sử dụng nương rẫy giữa anh em trong gia đình",
     "Các con không thống nhất việc chia phần nương do cha mẹ để lại."),
    ("Môi trường", "Mâu thuẫn do chăn nuôi gây mùi, nước thải chảy sang nhà bên",
     "Chuồng lợn sát nhà hàng xóm, nước thải chảy qua vườn nhà bên."),
    ("Giao thông, hạ tầng", "Tranh chấp nguồn nước tưới ruộng",
     "Hai nhóm hộ tranh chấp việc chia nước từ mương chung vào mùa khô."),
    ("Nhà ở, xây dựng", "Mâu thuẫn do xây nhà làm nứt tường nhà liền kề",
     "Hộ xây nhà mới đào móng làm nứt tường nhà bên cạnh, hai bên chưa thống nhất việc sửa chữa."),
    ("Khác", "Mâu thuẫn vợ chồng, nguy cơ bạo lực gia đình",
     "Hàng xóm báo tổ hòa giải về việc vợ chồng thường xuyên cãi vã, xô xát."),
    ("Khác", "Tranh chấp tiền vay mượn giữa hai hộ",
     "Một hộ vay tiền để mua giống, đến hạn chưa trả, hai bên to tiếng."),
    ("Khác", "Gia súc phá hoại hoa màu của hộ bên cạnh",
     "Trâu thả rông phá ruộng ngô của hộ bên cạnh, hai bên chưa thống nhất mức bồi thường."),
]  # fmt: skip

SUCCESS_MINUTES = "Các bên thống nhất phương án giải quyết, cam kết thực hiện; tổ hòa giải theo dõi việc thực hiện."
FAILED_MINUTES = "Các bên không thống nhất được phương án; tổ hòa giải hướng dẫn các bên đề nghị cơ quan có thẩm quyền."


def _name(rng, woman):
    return f"{rng.choice(FAMILY)} {rng.choice(WOMEN if woman else MEN)}"


def _officials(users, committee_name):
    recorder, leader, officer = LOCAL_OFFICIALS.get(committee_name, PROVINCE_OFFICIALS)
    return users[recorder], users[leader], users[officer]


def _build_team(rng, committee, area, recorder, leader, recognised_on):
    team = services.create_team(
        actor=recorder, committee=committee, name=f"Tổ hòa giải {area[0].lower()}{area[1:]}", area=area
    )
    size = rng.randint(3, 5)
    start = recognised_on - timedelta(days=10)
    for index in range(size):
        woman = index == 1 or rng.random() < 0.3  # the second mediator is a woman: Law 35/2013 Art 12(1)
        role = MediatorRole.LEADER if index == 0 else MediatorRole.MEMBER
        gender = Gender.FEMALE if woman else Gender.MALE
        services.add_mediator(
            team=team, actor=recorder, full_name=_name(rng, woman), gender=gender, role=role, from_date=start
        )
    number = f"{rng.randint(10, 250)}/QĐ-UBND"
    return services.recognise_team(team=team, actor=leader, decision_number=number, decision_date=recognised_on)


def _parties(rng):
    return [
        {"full_name": _name(rng, rng.random() < 0.4), "address": "", "phone": f"09{rng.randint(10000000, 99999999)}"}
        for _ in range(2)
    ]


def _follow_up(case, officer, leader, today, rng):
    """The petition a failed mediation leads to; the older ones have been answered since."""
    received = min(case.mediated_date + timedelta(days=rng.randint(3, 15)), today)
    petition = services.lodge_petition_after_mediation(
        case=case, actor=officer, kind=Kind.RECOMMENDATION, received_date=received, parties=case.parties.all()[:1]
    )
    if (today - received).days > 30:
        take_step("accept", petition, leader, accepted_date=received + timedelta(days=5))
        answer = "UBND đã tổ chức làm việc với các bên, giải thích quy định và hướng dẫn thủ tục giải quyết."
        resolved_on = received + timedelta(days=20)
        take_step("resolve", Petition.objects.get(pk=petition.pk), leader, decided_on=resolved_on, text=answer)
        take_step("close", Petition.objects.get(pk=petition.pk), leader)
    return petition


def _build_cases(rng, team, recorder, leader, officer, today):
    fields = {category.name: category for category in Category.objects.all()}
    mediators = list(team.mediators.all())
    for index in range(rng.randint(4, 9)):
        field, matter, details = rng.choice(MATTERS)
        # Each team's first case came in over the last two weeks: it is still waiting or being mediated.
        received = today - timedelta(days=rng.randint(2, 13) if index == 0 else rng.randint(14, 364))
        case = services.record_case(
            actor=recorder, team=team, matter=matter, details=details, field=fields[field], received_date=received,
            parties=_parties(rng),
        )  # fmt: skip
        age = (today - received).days
        if age < 7:
            continue
        services.start_mediation(case=case, actor=recorder, mediators=rng.sample(mediators, 2))
        if age < 14:
            continue
        mediated = received + timedelta(days=rng.randint(3, 12))
        roll = rng.random()
        if roll < 0.72:
            services.conclude_mediation(
                case=case, actor=recorder, outcome=CaseStatus.SUCCESSFUL, mediated_on=mediated,
                minutes=SUCCESS_MINUTES,
            )  # fmt: skip
        elif roll < 0.92:
            case = services.conclude_mediation(
                case=case, actor=recorder, outcome=CaseStatus.UNSUCCESSFUL, mediated_on=mediated,
                minutes=FAILED_MINUTES, guidance=team.committee.name,
            )  # fmt: skip
            if rng.random() < 0.5:
                _follow_up(case, officer, leader, today, rng)
        else:
            services.conclude_mediation(case=case, actor=recorder, outcome=CaseStatus.WITHDRAWN)


def _guided_petitions(users, today):
    """Two recommendations received at Tân Phong and guided to the team of the petitioners' group."""
    committee = Unit.objects.get(kind=UnitKind.PEOPLE_COMMITTEE, name="UBND phường Tân Phong")
    team = MediationTeam.objects.get(committee=committee, area="Tổ dân phố số 5")
    for days, name, summary in (
        (6, "Quàng Văn Tiến", "Đề nghị giải quyết việc hộ bên cạnh lấn lối đi chung tổ 5"),
        (2, "Tao Thị Xuân", "Đề nghị can thiệp việc hàng xóm xả nước thải sang vườn nhà"),
    ):
        data = {
            "kind": Kind.RECOMMENDATION, "channel": Channel.IN_PERSON, "received_date": today - timedelta(days=days),
            "receiving_unit": committee, "category": Category.objects.get(name="Đất đai"), "summary": summary,
            "content": summary + ". Hai hộ là hàng xóm, đã nhiều lần to tiếng.", "people_count": 1,
        }  # fmt: skip
        person = {"full_name": name, "province_code": "12", "commune_code": "3408", "address": "Tổ 5"}
        petition = petition_services.create_petition(actor=users["tiepdan.tanphong"], data=data, petitioners=[person])
        services.guide_petition_to_mediation(
            petition=petition, team=team, actor=users["xulydon.tanphong"],
            note="Đề nghị ông/bà liên hệ tổ hòa giải tổ dân phố số 5 để được hòa giải.",
        )  # fmt: skip


@transaction.atomic
def build_mediation():
    """Create the demo year of mediation once; returns the number of cases."""
    if MediationTeam.objects.exists():
        return MediationCase.objects.count()
    rng = random.Random(35_2013)
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.all()}
    for committee_name, areas in COMMUNES:
        committee = Unit.objects.filter(kind=UnitKind.PEOPLE_COMMITTEE, name=committee_name).first()
        if committee is None:  # a commune renamed or merged since this list was written
            continue
        recorder, leader, officer = _officials(users, committee_name)
        for area in areas:
            recognised_on = today - timedelta(days=rng.randint(380, 900))
            team = _build_team(rng, committee, area, recorder, leader, recognised_on)
            _build_cases(rng, team, recorder, leader, officer, today)
    _guided_petitions(users, today)
    return MediationCase.objects.count()
