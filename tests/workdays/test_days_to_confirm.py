"""24/11/2026 (Vietnamese Culture Day): a day off the package computes on a Party resolution the
law has not carried out; administrators confirm it or override it, with who and when recorded."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from danvan.accounts.roles import Role
from danvan.history.models import Change
from danvan.workdays import registry, services
from danvan.workdays.calendar import WorkCalendar
from danvan.workdays.models import DayStatus, DayToConfirm, WorkingDay
from danvan.workflow import DomainError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CULTURE_DAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def administrator():
    return UserFactory(full_name="Trần Minh Đức", roles=[Role.ADMINISTRATOR], is_staff=True)


@pytest.fixture
def culture_day():
    return DayToConfirm.objects.get(date=CULTURE_DAY)


@pytest.fixture
def heard(monkeypatch):
    calls = []

    def listener(*, days_off, working_days, actor):
        calls.append((days_off, working_days, actor))
        return ["hạn đã cấp bị ảnh hưởng"]

    monkeypatch.setattr(registry, "LISTENERS", {})
    monkeypatch.setattr(registry, "CHANGE_LISTENERS", {"test": listener})
    return calls


def test_the_day_is_seeded_with_its_source(culture_day):
    assert culture_day.status == DayStatus.PENDING and culture_day.name == "Ngày Văn hóa Việt Nam"
    assert "80-NQ/TW" in culture_day.basis and "Điều 112 Bộ luật Lao động" in culture_day.basis
    assert not WorkCalendar().is_working_day(CULTURE_DAY)  # the package's day off holds meanwhile


def test_confirming_keeps_the_day_off_and_records_who_and_when(culture_day, administrator, heard):
    services.confirm_day(day=culture_day, actor=administrator, note="Theo thông báo của tỉnh")
    culture_day.refresh_from_db()
    assert (culture_day.status, culture_day.decided_by, culture_day.decided_at) == (
        DayStatus.CONFIRMED, administrator, NOW,
    )  # fmt: skip
    assert not WorkCalendar().is_working_day(CULTURE_DAY) and heard == []
    change = Change.objects.get(object_id=culture_day.pk, to_status=DayStatus.CONFIRMED, is_audit=False)
    assert change.actor == administrator and change.note == "Theo thông báo của tỉnh"


def test_overriding_makes_a_working_day_and_tells_the_listeners(culture_day, administrator, heard):
    report = services.override_day(day=culture_day, actor=administrator, note="Bộ luật Lao động chưa sửa đổi")
    culture_day.refresh_from_db()
    assert culture_day.status == DayStatus.OVERRIDDEN and culture_day.decided_by == administrator
    row = WorkingDay.objects.get(date=CULTURE_DAY)
    assert row.legal_basis == "Bộ luật Lao động chưa sửa đổi"
    assert WorkCalendar().is_working_day(CULTURE_DAY)
    assert report.working_days == [CULTURE_DAY] and report.lines == ["hạn đã cấp bị ảnh hưởng"]
    [(days_off, working_days, actor)] = heard
    assert days_off == [] and [day for day, _name in working_days] == [CULTURE_DAY] and actor == administrator


def test_a_working_day_entered_directly_settles_the_day(culture_day, administrator, heard):
    services.save_override(override=WorkingDay(date=CULTURE_DAY, name="Làm việc"), actor=administrator)
    culture_day.refresh_from_db()
    assert culture_day.status == DayStatus.OVERRIDDEN and culture_day.decided_by == administrator


def test_refusals(culture_day, administrator):
    with translation.override("vi"):
        with pytest.raises(DomainError, match="Chỉ quản trị viên"):
            services.confirm_day(day=culture_day, actor=UserFactory(roles=[Role.HANDLER]))
        with pytest.raises(DomainError, match="Hãy nêu lý do"):
            services.override_day(day=culture_day, actor=administrator, note="  ")
        services.confirm_day(day=culture_day, actor=administrator)
        with pytest.raises(DomainError, match="đã được quyết định"):
            services.override_day(day=culture_day, actor=administrator, note="Đổi ý")
    assert not WorkingDay.objects.filter(date=CULTURE_DAY).exists()


def test_the_admin_pages_warn_and_decide(client, culture_day, administrator):
    client.force_login(administrator)
    with translation.override("vi"):
        page = client.get(reverse("admin:workdays_dayoff_changelist")).content.decode()
        assert "24/11/2026 (Ngày Văn hóa Việt Nam)" in page and "80-NQ/TW" in page
        form = client.get(reverse("admin:workdays_daytoconfirm_change", args=[culture_day.pk])).content.decode()
        assert "80-NQ/TW" in form and 'name="decision"' in form
        url = reverse("admin:workdays_daytoconfirm_change", args=[culture_day.pk])
        invalid = client.post(url, {"decision": "override", "note": ""})
        assert invalid.status_code == 200 and "Hãy nêu lý do" in invalid.content.decode()
        response = client.post(url, {"decision": "confirm", "note": "Đã đối chiếu"})
    assert response.status_code == 302
    culture_day.refresh_from_db()
    assert culture_day.status == DayStatus.CONFIRMED and culture_day.decision_note == "Đã đối chiếu"
    page = client.get(reverse("admin:workdays_dayoff_changelist")).content.decode()
    assert "80-NQ/TW" not in page
    decided = client.get(url)
    assert decided.status_code == 200 and 'name="decision"' not in decided.content.decode()


def test_the_year_page_shows_the_notice(client, culture_day, administrator):
    client.force_login(administrator)
    with translation.override("vi"):
        page = client.get(reverse("workdays:year", args=[2026])).content.decode()
    assert "Ngày Văn hóa Việt Nam" in page and "còn chờ quản trị viên xác nhận" in page
    assert reverse("admin:workdays_daytoconfirm_change", args=[culture_day.pk]) in page
    assert "Ngày làm việc bù theo Công văn 12729/VPCP-KGVX ngày 25/12/2025" in page
