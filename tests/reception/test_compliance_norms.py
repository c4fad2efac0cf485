"""The seeded norms cover every position the regulations named over time, so compliance can be reported for any
past year: district positions until 30/6/2025, the commune chairman's change on 1/7/2026."""

from datetime import date, time

import pytest
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind, UnitLevel
from danvan.orgunits.services import close_unit
from reception import compliance
from reception.models import NormPeriod, NormPosition, ReceptionDuty, ReceptionNorm, ReceptionSession, SessionStatus
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-08-05 08:00 +0700", tick=False)


def held(user, day):
    return ReceptionSession.objects.create(
        date=day, start_time=time(7, 30), end_time=time(11, 0), place="Trụ sở", presiding_position="Bí thư",
        status=SessionStatus.HELD, presided_by=user,
    )  # fmt: skip


def in_force(position, on):
    return ReceptionNorm.objects.get(position=position, valid_from__lte=on, valid_to__gte=on)


def test_every_position_has_norms_whose_periods_do_not_overlap():
    for position in NormPosition.values:
        norms = list(ReceptionNorm.objects.filter(position=position).order_by("valid_from"))
        assert norms, position
        for earlier, later in zip(norms, norms[1:], strict=False):
            assert earlier.valid_to is not None and earlier.valid_to < later.valid_from, position
        assert all(norm.legal_basis for norm in norms)


def test_the_district_party_secretary_under_regulation_11_until_the_district_level_ended():
    norm = in_force("district_secretary", date(2024, 6, 1))
    assert (norm.required_days, norm.period, norm.valid_from, norm.valid_to) == (
        1,
        NormPeriod.MONTH,
        date(2019, 2, 18),
        date(2025, 6, 30),
    )
    assert "11-QĐi/TW ngày 18/02/2019, Điều 4 khoản 1" in norm.legal_basis and "203/2025/QH15" in norm.legal_basis
    assert in_force("district_chairman", date(2024, 6, 1)).valid_to == date(2025, 6, 30)
    # The province and commune secretaries' norms date from the regulation too, amended by Conclusion 215.
    for position, days in (("province_secretary", 1), ("commune_secretary", 2)):
        norm = ReceptionNorm.objects.get(position=position)
        assert (norm.required_days, norm.valid_from, norm.valid_to) == (days, date(2019, 2, 18), None)
        assert "Kết luận 215-KL/TW ngày 23/11/2025" in norm.legal_basis


@pytest.fixture
def district():
    """A former district of the province, closed on 30/6/2025, with its Party secretary and chairman."""
    province = UnitFactory(name="Tỉnh Lai Châu", kind=UnitKind.PROVINCE, level=UnitLevel.PROVINCE)
    district = UnitFactory(name="Huyện Tam Đường", kind=UnitKind.DISTRICT, level=UnitLevel.DISTRICT, parent=province)
    party = UnitFactory(
        name="Huyện ủy Tam Đường", kind=UnitKind.PARTY_COMMITTEE, level=UnitLevel.DISTRICT, parent=district
    )
    committee = UnitFactory(
        name="UBND huyện Tam Đường", kind=UnitKind.PEOPLE_COMMITTEE, level=UnitLevel.DISTRICT, parent=district
    )
    secretary = UserFactory(full_name="Hoàng Văn Thắng", roles=[Role.LEADER], units=[party])
    chairman = UserFactory(full_name="Lò Văn Inh", roles=[Role.LEADER], units=[committee])
    # Duties left open after the level ended: the norms, not the duty rows, say nothing is required.
    ReceptionDuty.objects.create(user=secretary, unit=party, position="district_secretary", valid_from=date(2020, 5, 1))
    ReceptionDuty.objects.create(
        user=chairman, unit=committee, position="district_chairman", valid_from=date(2021, 6, 1)
    )
    for unit in (party, committee, district):
        close_unit(unit=unit, last_day=date(2025, 6, 30))
    province_leader = UserFactory(full_name="Giàng Thị Dua", roles=[Role.LEADER], units=[province])
    return {"province": province, "secretary": secretary, "chairman": chairman, "leader": province_leader}


def test_in_2024_the_district_secretary_owed_one_day_a_month(district, client):
    secretary, chairman = district["secretary"], district["chairman"]
    for month in range(1, 12):  # every month but December
        held(secretary, date(2024, month, 10))
    held(secretary, date(2024, 3, 20))  # a second day in March makes up for nothing
    for day in (date(2024, 5, 9), date(2024, 5, 23)):
        held(chairman, day)
    rows = {
        row.duty.user: row
        for row in compliance.compliance_report(district["leader"], date(2024, 1, 1), date(2024, 12, 31))
    }
    assert (rows[secretary].required, rows[secretary].held, rows[secretary].ok) == (12, 11, False)
    assert [month.held for month in rows[secretary].months] == [1] * 11 + [0]
    (norm,) = rows[secretary].norms
    assert norm.position == "district_secretary"
    assert (rows[chairman].required, rows[chairman].held) == (24, 2)
    # The page shows the same for the past year, with the norm's legal basis.
    client.force_login(district["leader"])
    response = client.get(reverse("reception:compliance"), {"date_from": "01/01/2024", "date_to": "31/12/2024"})
    assert response.status_code == 200
    assert {(row.duty.user, row.required, row.held) for row in response.context["rows"]} == {
        (secretary, 12, 11),
        (chairman, 24, 2),
    }
    assert "Quy định 11-QĐi/TW ngày 18/02/2019, Điều 4 khoản 1" in response.content.decode()


def test_from_july_2025_no_district_norm(district):
    secretary = district["secretary"]
    duties = ReceptionDuty.objects.filter(user=secretary)
    june, july = compliance.compliance(duties, 2025, 6)[0], compliance.compliance(duties, 2025, 7)[0]
    assert june.norm.position == "district_secretary" and june.required == 1
    assert july.norm is None and (july.required, july.ok) == (0, True)
    (total,) = [
        row
        for row in compliance.compliance_report(district["leader"], date(2025, 7, 1), date(2025, 12, 31))
        if row.duty.user == secretary
    ]
    assert (total.required, total.has_norm) == (0, False)
    totals = compliance.compliance_totals(ReceptionDuty.objects.all(), date(2025, 7, 1), date(2025, 9, 30))
    assert totals == {"required": 0, "held": 0, "officials": 0}


def test_a_norm_that_starts_within_a_month_applies_from_the_next(district):
    duties = ReceptionDuty.objects.filter(user=district["secretary"])
    ReceptionDuty.objects.filter(user=district["secretary"]).update(valid_from=date(2019, 1, 1))
    assert compliance.compliance(duties, 2019, 2)[0].norm is None  # Regulation 11 is of 18/2/2019
    assert compliance.compliance(duties, 2019, 3)[0].required == 1


def test_a_period_across_1_july_2026_weekly_in_june_two_days_in_july():
    unit = UnitFactory(name="UBND phường Tân Phong", kind=UnitKind.PEOPLE_COMMITTEE)
    chairman = UserFactory(full_name="Đỗ Văn Long", roles=[Role.LEADER], units=[unit])
    ReceptionDuty.objects.create(user=chairman, unit=unit, position="commune_chairman", valid_from=date(2025, 7, 1))
    for day in (date(2026, 6, 4), date(2026, 6, 11), date(2026, 6, 18), date(2026, 6, 25), date(2026, 7, 9)):
        held(chairman, day)
    (total,) = compliance.compliance_report(chairman, date(2026, 6, 1), date(2026, 7, 31))
    june, july = total.months
    assert (june.norm.period, june.required, june.held) == (NormPeriod.WEEK, 4, 4)
    assert [week.monday for week in june.required_weeks] == [date(2026, 6, d) for d in (1, 8, 15, 22)]
    assert (july.norm.period, july.norm.may_delegate, july.required, july.held, july.weeks) == (
        NormPeriod.MONTH,
        False,
        2,
        1,
        [],
    )
    assert (total.required, total.held, total.ok) == (6, 5, False)
    assert len(total.norms) == 2


def test_administrators_read_each_norm_with_its_legal_basis(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(
        reverse("admin:reception_receptionnorm_changelist"), {"position__exact": "district_secretary"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Bí thư Huyện ủy" in html
    assert "Quy định 11-QĐi/TW ngày 18/02/2019, Điều 4 khoản 1" in html
