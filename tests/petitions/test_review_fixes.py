"""Confidentiality, legal limits and bad input cases found in review."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.accounts.roles import Role
from danvan.workflow import DomainError
from petitions import services
from petitions.models import Complexity, DeadlineRule, IdentityAccess, Kind, Petition
from petitions.workflow import Status
from tests.factories import UserFactory
from tests.fixtures import PERSON
from tests.petitions.test_views import intake_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


def test_a_province_leader_cannot_unseal_a_communes_denunciation(client, make_petition, units, people):
    petition = make_petition(kind=Kind.DENUNCIATION)
    province_leader = UserFactory(roles=[Role.LEADER], units=[units["province"]])
    client.force_login(province_leader)
    url = reverse("petitions:detail", args=[petition.pk])
    assert client.get(url).status_code == 200
    assert client.get(url + "?reveal=1").status_code == 403
    client.force_login(people["leader"])  # leader of the handling unit itself
    assert "Nguyễn Văn An" in client.get(url + "?reveal=1").content.decode()
    assert IdentityAccess.objects.get().user == people["leader"]


def test_duplicate_suggestions_do_not_reveal_a_sealed_petitioner(client, make_petition, people):
    complaint = make_petition(kind=Kind.FEEDBACK, summary="Phản ánh đường hỏng")
    denunciation = make_petition(kind=Kind.DENUNCIATION, summary="Tố cáo cán bộ thu tiền")
    client.force_login(people["colleague"])
    html = client.get(reverse("petitions:detail", args=[denunciation.pk])).content.decode()
    assert complaint.code not in html


def test_the_intake_form_asks_for_similar_petitions(client, make_petition, people):
    first = make_petition(summary="Khiếu nại quyết định thu hồi đất tổ 12")
    client.force_login(people["handler"])
    url = reverse("petitions:similar")
    by_words = client.get(url, {"summary": "khieu nai thu hoi dat to 12"}).json()["matches"]
    by_id = client.get(url, {"citizen_id": PERSON["citizen_id"], "summary": "x"}).json()["matches"]
    assert [m["code"] for m in by_words] == [first.code]
    assert [m["code"] for m in by_id] == [first.code]
    sealed = make_petition(
        kind=Kind.DENUNCIATION, summary="Tố cáo", petitioners=[{**PERSON, "citizen_id": "099999999999"}]
    )
    hidden = client.get(url, {"citizen_id": "099999999999", "summary": "y"}).json()["matches"]
    assert sealed.code not in [m["code"] for m in hidden]


def test_a_denunciation_is_extended_one_step_at_a_time_and_before_its_deadline(make_petition, people):
    petition = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 1, 5))
    services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 1, 12))
    petition.refresh_from_db()
    with pytest.raises(DomainError, match="từng bước"):
        services.extend_petition_deadline(
            petition=petition, actor=people["leader"], complexity=Complexity.VERY_COMPLEX, number="1",
            decided_on=date(2026, 2, 1), reason="x",
        )  # fmt: skip
    with pytest.raises(DomainError, match="trước khi"):
        services.extend_petition_deadline(
            petition=petition, actor=people["leader"], complexity=Complexity.COMPLEX, number="1",
            decided_on=date(2026, 2, 20), reason="x",
        )  # fmt: skip


def test_anonymous_denunciation_without_evidence_cannot_be_classified_or_transferred(make_petition, people, units):
    petition = make_petition(kind=Kind.DENUNCIATION, is_anonymous=True, petitioners=[])
    with pytest.raises(DomainError):
        services.classify_petition(petition=petition, actor=people["handler"])
    with pytest.raises(DomainError):
        services.transfer_petition(petition=petition, actor=people["handler"], note="", to_unit=units["other"])
    assert Petition.objects.get(pk=petition.pk).status == Status.RECEIVED


def test_export_writes_typed_text_never_formulas(client, make_petition, people):
    make_petition(summary='=HYPERLINK("http://evil.example","bấm vào")')
    client.force_login(people["leader"])
    sheet = load_workbook(BytesIO(client.get(reverse("petitions:export")).content)).active
    cell = sheet.cell(row=3, column=6)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_admin_lists_only_the_units_petitions(client, make_petition, people, units):
    mine = make_petition()
    theirs = make_petition(receiving_unit=units["other"], actor=people["stranger"])
    staff = people["leader"]
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    client.force_login(staff)
    page = client.get("/admin/petitions/petition/").content.decode()
    assert mine.code in page and theirs.code not in page


def test_correcting_the_received_date_reissues_the_first_deadline(make_petition, people):
    petition = make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 2, 13))
    assert petition.due_date == date(2026, 3, 6)
    updated = services.update_petition(
        petition=petition, actor=people["officer"], version=petition.version,
        data={"received_date": date(2026, 2, 23)}, petitioners=[PERSON],
    )  # fmt: skip
    assert updated.due_date == date(2026, 3, 9)
    assert updated.deadlines.filter(is_current=True).count() == 1


def test_receipt_names_the_officer_who_received_it(client, make_petition, people):
    petition = make_petition()
    client.force_login(people["leader"])
    html = client.get(reverse("petitions:receipt", args=[petition.pk])).content.decode()
    assert "Người tiếp nhận: Lường Thị Thu" in html


def test_absurd_filters_give_a_page_not_an_error(client, people):
    client.force_login(people["leader"])
    assert client.get(reverse("petitions:list"), {"due_within": "99999999"}).status_code == 200
    assert client.get(reverse("petitions:list"), {"received_from": "32/13/2026"}).status_code == 200


def test_a_date_without_a_rule_gets_a_message_not_an_error(client, people, units):
    DeadlineRule.objects.filter(stage="acceptance").update(valid_from=date(2026, 2, 1))
    client.force_login(people["officer"])
    html = client.post(reverse("petitions:create"), intake_post(units, received_date="20/01/2026")).content.decode()
    assert "Chưa có quy tắc thời hạn áp dụng cho ngày 20/01/2026" in html
    assert not Petition.objects.exists()


def test_a_second_instance_complaint_must_refer_to_the_first(client, people, units):
    client.force_login(people["officer"])
    html = client.post(reverse("petitions:create"), intake_post(units, kind=Kind.COMPLAINT_SECOND)).content.decode()
    assert "Khiếu nại lần hai phải dẫn chiếu quyết định giải quyết lần đầu" in html
    ok = client.post(
        reverse("petitions:create"),
        intake_post(units, kind=Kind.COMPLAINT_SECOND, first_decision_reference="Quyết định số 5/QĐ-UBND"),
    )
    assert ok.status_code == 302


def test_an_edit_without_its_version_is_refused_with_a_message(client, make_petition, people):
    petition = make_petition()
    client.force_login(people["officer"])
    data = {**intake_post({"committee": petition.receiving_unit}), "people-INITIAL_FORMS": "1",
            "people-0-id": str(petition.petitioners.get().pk)}  # fmt: skip
    html = client.post(reverse("petitions:edit", args=[petition.pk]), data).content.decode()
    assert "thiếu số phiên bản" in html
