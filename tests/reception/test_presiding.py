"""Who presides: the planned official is shown until the session is held and fills the status form; the
choices are the officials of the host units and the leaders of their commune or province, not every
official above them."""

from datetime import date

import pytest
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from danvan.workflow import DomainError
from reception import services
from reception.models import ReceptionSession
from tests.factories import SessionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)


@pytest.fixture
def others(units):
    commune = units["committee"].parent
    council = UnitFactory(name="HĐND phường Tân Phong", kind=UnitKind.PEOPLE_COUNCIL, parent=commune)
    department = UnitFactory(name="Sở Xây dựng", kind=UnitKind.DEPARTMENT, parent=units["province"])
    return {
        "council_chair": UserFactory(full_name="Tòng Văn Pao", roles=[Role.LEADER], units=[council]),
        "council_staff": UserFactory(full_name="Lò Thị Én", roles=[Role.SUPERVISOR], units=[council]),
        "province_leader": UserFactory(full_name="Lò Văn Hưng", roles=[Role.LEADER], units=[units["province"]]),
        "province_staff": UserFactory(full_name="Tòng Thị Mai", roles=[Role.SUPERVISOR], units=[units["province"]]),
        "director": UserFactory(full_name="Giám đốc Sở", roles=[Role.LEADER], units=[department]),
    }


@pytest.fixture
def session(units, people):
    return SessionFactory(date=date(2026, 3, 10), presiding=people["leader"], hosts=[units["committee"]])


def test_the_planned_official_is_shown_until_the_session_is_held(client, session, people):
    client.force_login(people["officer"])
    page = client.get(reverse("reception:session", args=[session.pk])).content.decode()
    assert "Chủ trì (dự kiến): Đỗ Văn Long" in page
    assert "Chủ trì (dự kiến): Đỗ Văn Long" in client.get(reverse("reception:sessions")).content.decode()
    services.set_session_status(session=session, actor=people["officer"], status="held", presided_by=people["leader"])
    page = client.get(reverse("reception:session", args=[session.pk])).content.decode()
    assert "(dự kiến)" not in page and "trực tiếp: Đỗ Văn Long" in page


def test_the_status_form_starts_with_the_planned_official(client, session, people):
    client.force_login(people["officer"])
    form = client.get(reverse("reception:session", args=[session.pk])).context["status_form"]
    assert form["presided_by"].value() == people["leader"].pk


def test_the_officials_of_the_hosts_and_the_communes_leaders_may_preside(client, session, people, others):
    client.force_login(people["officer"])
    form = client.get(reverse("reception:session", args=[session.pk])).context["status_form"]
    names = {user.full_name for user in form.fields["presided_by"].queryset}
    assert {"Lường Thị Thu", "Phạm Quốc Bảo", "Đỗ Văn Long", "Tòng Văn Pao"} <= names
    assert not names & {"Lò Thị Én", "Lò Văn Hưng", "Tòng Thị Mai", "Giám đốc Sở", "Vàng A Sử"}


def test_an_official_of_the_province_does_not_preside_over_a_wards_session(session, people, others):
    with pytest.raises(DomainError, match="không công tác tại đơn vị chủ trì"):
        services.set_session_status(
            session=session, actor=people["officer"], status="held", presided_by=others["province_staff"]
        )
    services.set_session_status(
        session=session, actor=people["officer"], status="held", presided_by=others["council_chair"]
    )


def test_a_provincial_session_is_presided_by_the_provinces_leaders(units, others):
    office = UnitFactory(name="Ban Tiếp công dân tỉnh", kind=UnitKind.RECEPTION_OFFICE, parent=units["province"])
    officer = UserFactory(roles=[Role.RECEPTION_OFFICER], units=[office])
    session = services.create_ad_hoc_session(
        actor=officer, hosts=[office], date=date(2026, 3, 12), start_time=ReceptionSession._meta.get_field(
            "start_time").to_python("08:00"), end_time=ReceptionSession._meta.get_field("end_time").to_python("11:00"),
        place="Trụ sở", presiding_position="Phó Chủ tịch UBND tỉnh", presiding=others["province_leader"],
    )  # fmt: skip
    assert session.presiding == others["province_leader"]
    with pytest.raises(DomainError):
        services.create_ad_hoc_session(
            actor=officer, hosts=[office], date=date(2026, 3, 12), start_time=session.start_time,
            end_time=session.end_time, place="Trụ sở", presiding_position="Giám đốc Sở", presiding=others["director"],
        )  # fmt: skip


def test_the_ad_hoc_form_offers_the_hosts_officials_and_leaders(client, units, people, others):
    client.force_login(people["officer"])
    form = client.get(reverse("reception:add_session")).context["form"]
    names = {user.full_name for user in form.fields["presiding"].queryset}
    assert {"Đỗ Văn Long", "Tòng Văn Pao"} <= names
    assert not names & {"Lò Văn Hưng", "Tòng Thị Mai", "Giám đốc Sở", "Vàng A Sử"}
    response = client.post(reverse("reception:add_session"), {
        "hosts": [units["committee"].pk], "date": "12/03/2026", "start_time": "08:00", "end_time": "11:00",
        "place": "Nhà văn hóa tổ 12", "presiding_position": "Phó Chủ tịch UBND tỉnh",
        "presiding": others["province_leader"].pk,
    })  # fmt: skip
    assert response.status_code == 400 and not ReceptionSession.objects.exists()
