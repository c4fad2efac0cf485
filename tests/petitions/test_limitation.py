"""Limitation periods at intake (Law on Complaints 2011, Art 9, 33, 48): the last day to lodge, stored with
its rule; a warning at intake that keeps what was typed; the ground offered for not accepting."""

from datetime import date

import pytest
from django.urls import reverse

from petitions import services
from petitions.forms import RefuseForm
from petitions.limitation import Facts, assess
from petitions.models import Category, ComplaintSubject, Kind, LimitationRule, Petition, PetitionLimitation
from tests.petitions.test_views import intake_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-06-01 09:00 +0700", tick=False)


def record(make_petition, received, kind=Kind.COMPLAINT_FIRST, **facts):
    petition = make_petition(kind=kind, received=received, **facts)
    return PetitionLimitation.objects.select_related("rule").get(petition=petition)


class TestFirstComplaint:
    """90 days from learning of the decision or act (Art 9)."""

    def test_lodged_on_the_ninetieth_day_is_in_time(self, make_petition):
        limitation = record(make_petition, date(2026, 3, 10), decision_known_on=date(2025, 12, 10))
        assert limitation.last_day == date(2026, 3, 10)  # 10/12/2025 + 90 days, a Tuesday
        assert limitation.rule.legal_basis == "Luật Khiếu nại 2011, Điều 9" and limitation.rule.days == 90
        assert not limitation.is_late

    def test_lodged_on_the_ninety_first_day_is_late(self, make_petition):
        limitation = record(make_petition, date(2026, 3, 11), decision_known_on=date(2025, 12, 10))
        assert limitation.last_day == date(2026, 3, 10) and limitation.is_late

    def test_a_limit_ending_in_tet_rolls_to_the_first_working_day_after_it(self, make_petition):
        # 19/11/2025 + 90 days = Tuesday 17/2/2026, inside Tết (14–22/2/2026): the period ends on Monday 23/2.
        limitation = record(make_petition, date(2026, 2, 23), decision_known_on=date(2025, 11, 19))
        assert limitation.last_day == date(2026, 2, 23) and not limitation.is_late
        late = record(make_petition, date(2026, 2, 24), decision_known_on=date(2025, 11, 19))
        assert late.is_late

    def test_a_limit_ending_on_the_new_year_2026_bridge_day_rolls_to_monday(self, make_petition):
        # 4/10/2025 + 90 days = Friday 2/1/2026, a day off by the swap of Công văn 12729/VPCP-KGVX.
        limitation = record(make_petition, date(2026, 1, 5), decision_known_on=date(2025, 10, 4))
        assert limitation.last_day == date(2026, 1, 5) and not limitation.is_late

    def test_the_time_of_a_legal_obstacle_is_not_counted(self, make_petition):
        limitation = record(
            make_petition,
            date(2026, 3, 18),
            decision_known_on=date(2025, 12, 10),
            obstacle_from=date(2026, 1, 10),
            obstacle_to=date(2026, 1, 19),
            obstacle_reason="Ốm nằm viện",
        )
        assert limitation.last_day == date(2026, 3, 20)  # ten days of illness added to 10/3
        assert not limitation.is_late

    def test_without_the_date_nothing_is_computed(self, make_petition):
        petition = make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 3, 10))
        assert not PetitionLimitation.objects.filter(petition=petition).exists()

    def test_a_denunciation_has_no_limitation_period(self, make_petition):
        petition = make_petition(kind=Kind.DENUNCIATION, decision_known_on=date(2020, 1, 1))
        assert not PetitionLimitation.objects.filter(petition=petition).exists()


class TestSecondComplaint:
    """30 days, 45 in remote areas, from the first decision or the end of its period (Art 33)."""

    def test_thirty_days_from_the_first_decision(self, make_petition):
        limitation = record(
            make_petition, date(2026, 4, 2), kind=Kind.COMPLAINT_SECOND, first_decision_on=date(2026, 3, 2),
            first_decision_reference="QĐ 12/QĐ-UBND",
        )  # fmt: skip
        assert limitation.last_day == date(2026, 4, 1) and limitation.rule.days == 30
        assert limitation.is_late

    def test_a_remote_area_gets_forty_five_days(self, make_petition):
        limitation = record(
            make_petition, date(2026, 4, 2), kind=Kind.COMPLAINT_SECOND, first_decision_on=date(2026, 3, 2),
            first_decision_reference="QĐ 12/QĐ-UBND", is_remote_area=True,
        )  # fmt: skip
        assert limitation.rule.days == 45 and limitation.rule.legal_basis == "Luật Khiếu nại 2011, Điều 33"
        assert limitation.last_day == date(2026, 4, 16) and not limitation.is_late


class TestDisciplinaryDecision:
    """15 days from receiving the decision; the second complaint 10 days, 30 for a dismissal (Art 48)."""

    def test_fifteen_days_from_receiving_the_decision(self, make_petition):
        limitation = record(
            make_petition, date(2026, 3, 18), decision_known_on=date(2026, 3, 2), subject=ComplaintSubject.DISCIPLINE
        )
        assert limitation.rule.days == 15 and limitation.rule.legal_basis == "Luật Khiếu nại 2011, Điều 48"
        assert limitation.last_day == date(2026, 3, 17) and limitation.is_late

    @pytest.mark.parametrize(("subject", "days", "last_day"), [
        (ComplaintSubject.DISCIPLINE, 10, date(2026, 3, 12)),
        (ComplaintSubject.DISMISSAL, 30, date(2026, 4, 1)),
    ])  # fmt: skip
    def test_the_second_complaint(self, make_petition, subject, days, last_day):
        limitation = record(
            make_petition, date(2026, 3, 12), kind=Kind.COMPLAINT_SECOND, first_decision_on=date(2026, 3, 2),
            first_decision_reference="QĐ 5/QĐ-KL", subject=subject,
        )  # fmt: skip
        assert limitation.rule.days == days and limitation.last_day == last_day and not limitation.is_late


def test_a_new_rule_applies_to_periods_starting_from_its_date(make_petition):
    LimitationRule.objects.filter(applies_to="complaint_1").update(valid_to=date(2026, 6, 30))
    LimitationRule.objects.create(
        name="Thử nghiệm", applies_to="complaint_1", days=60, counted_from="learned",
        valid_from=date(2026, 7, 1), legal_basis="Quy định thử nghiệm",
    )  # fmt: skip
    old = assess(Facts(kind=Kind.COMPLAINT_FIRST, decision_known_on=date(2026, 6, 30)), received=date(2026, 7, 1))
    new = assess(Facts(kind=Kind.COMPLAINT_FIRST, decision_known_on=date(2026, 7, 1)), received=date(2026, 7, 2))
    assert old.rule.days == 90 and new.rule.days == 60


def test_correcting_the_date_recomputes_and_leaves_a_history_row(make_petition, people):
    petition = make_petition(
        kind=Kind.COMPLAINT_FIRST, received=date(2026, 3, 11), decision_known_on=date(2025, 12, 10)
    )
    assert petition.limitation.is_late
    data = {field: getattr(petition, field) for field in services.PETITION_FIELDS}
    signers = [
        {"id": p.pk, **{f: getattr(p, f) for f in services.PETITIONER_FIELDS}} for p in petition.petitioners.all()
    ]
    services.update_petition(
        petition=petition, actor=people["officer"], version=petition.version,
        data={**data, "decision_known_on": date(2025, 12, 20)}, petitioners=signers,
    )  # fmt: skip
    limitation = PetitionLimitation.objects.get(petition=petition)
    assert limitation.last_day == date(2026, 3, 20) and not limitation.is_late
    assert "thời hiệu khiếu nại" in petition.events.order_by("pk").last().note


def test_a_date_after_the_received_date_is_refused_by_the_service(make_petition):
    from danvan.workflow import DomainError

    with pytest.raises(DomainError, match="không thể sau ngày nhận đơn"):
        make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 3, 10), decision_known_on=date(2026, 3, 11))


class TestRefusal:
    def test_the_ground_is_offered_with_its_basis_and_chosen_when_the_limit_passed(self, make_petition, people):
        petition = make_petition(
            kind=Kind.COMPLAINT_FIRST, received=date(2026, 3, 11), decision_known_on=date(2025, 12, 10)
        )
        form = RefuseForm(petition=petition, user=people["leader"], prefix="refuse")
        ground = (
            "Khiếu nại khi đã hết thời hiệu (Luật Khiếu nại 2011, Điều 9; ngày cuối cùng của thời hiệu là 10/03/2026)."
        )
        assert ground in [value for value, _label in form.fields["reason"].choices]
        assert form.initial["reason"] == ground

    def test_in_time_the_ground_is_offered_but_not_chosen(self, make_petition, people):
        petition = make_petition(
            kind=Kind.COMPLAINT_FIRST, received=date(2026, 3, 10), decision_known_on=date(2025, 12, 10)
        )
        form = RefuseForm(petition=petition, user=people["leader"], prefix="refuse")
        assert "reason" not in form.initial
        assert any("Điều 9" in value for value, _label in form.fields["reason"].choices)


class TestIntakePage:
    def late(self, units, **changes):
        # Received 27/02/2026; learned 01/11/2025: the last day was 30/01/2026.
        return intake_post(units, decision_known_on="01/11/2025", **changes)

    def test_the_warning_shows_the_basis_and_the_last_day_and_keeps_the_input(self, client, people, units):
        client.force_login(people["officer"])
        response = client.post(reverse("petitions:create"), self.late(units))
        html = response.content.decode()
        assert response.status_code == 200 and not Petition.objects.exists()
        assert 'data-testid="limitation-warning"' in html
        assert "hết thời hiệu khiếu nại: ngày cuối cùng là 30/01/2026" in html
        assert "Luật Khiếu nại 2011, Điều 9" in html
        assert "Một số mục cần sửa lại" not in html  # a warning, not an error to correct
        assert 'value="Khiếu nại việc thu hồi đất đai ở tổ 5"' in html
        assert 'value="012345678901"' in html and 'value="01/11/2025"' in html

    def test_confirmed_it_is_recorded_and_the_page_shows_it(self, client, people, units):
        client.force_login(people["officer"])
        response = client.post(reverse("petitions:create"), self.late(units, limitation_acknowledged="on"))
        petition = Petition.objects.get()
        assert response.status_code == 302
        assert petition.limitation.last_day == date(2026, 1, 30) and petition.limitation.is_late
        html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        assert "nộp khi đã hết thời hiệu" in html and "ngày cuối cùng 30/01/2026" in html

    def test_an_obstacle_entered_after_the_warning_extends_the_limit(self, client, people, units):
        client.force_login(people["officer"])
        obstacle = {"obstacle_from": "01/12/2025", "obstacle_to": "31/12/2025", "obstacle_reason": "Nằm viện"}
        response = client.post(reverse("petitions:create"), self.late(units, **obstacle))
        assert response.status_code == 302
        limitation = Petition.objects.get().limitation
        assert limitation.last_day == date(2026, 3, 2) and not limitation.is_late  # 30/1 + 31 days → Monday 2/3

    def test_an_incomplete_obstacle_is_an_error_in_vietnamese(self, client, people, units):
        client.force_login(people["officer"])
        html = client.post(reverse("petitions:create"), self.late(units, obstacle_from="01/12/2025")).content.decode()
        assert "Nhập cả ngày bắt đầu và ngày kết thúc của trở ngại" in html
        assert not Petition.objects.exists()

    def test_in_time_no_warning(self, client, people, units):
        client.force_login(people["officer"])
        response = client.post(reverse("petitions:create"), intake_post(units, decision_known_on="01/02/2026"))
        assert response.status_code == 302
        assert not Petition.objects.get().limitation.is_late


def test_a_transferred_copy_keeps_the_dates_and_the_day_it_was_first_lodged(make_petition, people, units):
    petition = make_petition(
        kind=Kind.COMPLAINT_FIRST, received=date(2026, 3, 10), decision_known_on=date(2025, 12, 10)
    )
    services.transfer_petition(petition=petition, actor=people["officer"], note="", to_unit=units["other"])
    copy = Petition.objects.get(transferred_from=petition)
    assert copy.received_date == date(2026, 6, 1)  # received by the competent body today…
    limitation = PetitionLimitation.objects.get(petition=copy)
    assert limitation.decision_known_on == date(2025, 12, 10) and limitation.last_day == date(2026, 3, 10)
    assert not limitation.is_late  # …but lodged with the first body on the last day


def test_the_correction_form_shows_the_dates_for_a_complaint_only(client, make_petition, people):
    client.force_login(people["officer"])
    complaint = make_petition(received=date(2026, 3, 10), decision_known_on=date(2025, 12, 10))
    html = client.get(reverse("petitions:edit", args=[complaint.pk])).content.decode()
    assert 'data-testid="limitation-fields"' in html and 'value="10/12/2025"' in html
    assert "limitation_acknowledged" not in html
    feedback = make_petition(kind=Kind.FEEDBACK, received=date(2026, 3, 10))
    html = client.get(reverse("petitions:edit", args=[feedback.pk])).content.decode()
    assert 'data-testid="limitation-fields"' not in html


def test_a_citizen_online_gives_the_date_and_the_officer_sees_the_result(client, units, people):
    data = {
        "kind": Kind.COMPLAINT_FIRST, "locality": units["committee"].parent.pk,
        "category": Category.objects.get(name="Đất đai").pk, "summary": "Khiếu nại quyết định xử phạt",
        "content": "Nội dung", "full_name": "Lò Văn Pọm", "citizen_id": "012078001245",
        "decision_known_on": "02/03/2026",
    }  # fmt: skip
    assert client.post(reverse("submit"), data).status_code == 302
    limitation = Petition.objects.get().limitation
    assert limitation.decision_known_on == date(2026, 3, 2) and limitation.last_day == date(2026, 6, 1)
    assert not limitation.is_late  # received today: the ninetieth day, Sunday 31/5, rolls to Monday 1/6


def test_administrators_keep_the_rules_in_the_admin_and_a_used_rule_can_only_be_ended(client, make_petition):
    from danvan.accounts.roles import Role
    from tests.factories import UserFactory

    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True))
    listing = client.get("/admin/petitions/limitationrule/").content.decode()
    assert "Khiếu nại lần hai (vùng sâu, vùng xa đi lại khó khăn)" in listing
    groups = client.get("/admin/petitions/grouprepresentationrule/").content.decode()
    assert "Nhóm từ 11 người trở lên" in groups
    used = make_petition(received=date(2026, 3, 10), decision_known_on=date(2025, 12, 10)).limitation.rule
    page = client.get(f"/admin/petitions/limitationrule/{used.pk}/change/").content.decode()
    assert 'name="days"' not in page and 'name="valid_to"' in page
    assert client.post(f"/admin/petitions/limitationrule/{used.pk}/delete/").status_code == 403


def test_dates_typed_before_choosing_another_kind_do_not_block_it(client, people, units):
    client.force_login(people["officer"])
    post = intake_post(units, kind=Kind.FEEDBACK, obstacle_from="01/12/2025", decision_known_on="01/01/2020")
    assert client.post(reverse("petitions:create"), post).status_code == 302
    assert not PetitionLimitation.objects.exists()
