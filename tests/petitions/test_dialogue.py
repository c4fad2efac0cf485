"""The dialogue in complaint resolution (Luật Khiếu nại 2011 Art. 30, 39): required when the request and the
verification result differ (first instance) or always (second instance); the resolution waits for it."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.workflow import DomainError
from petitions import services
from petitions.models import Dialogue, EventKind, Kind, Outcome
from petitions.steps import steps_for, take_step
from petitions.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-16 09:00 +0700", tick=False)


def minutes():
    return SimpleUploadedFile("bien-ban-doi-thoai.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")


def verifying(make_petition, people, kind=Kind.COMPLAINT_FIRST, **extra):
    petition = make_petition(kind=kind, received=date(2026, 3, 2), **extra)
    take_step("accept", petition, people["leader"], accepted_date=date(2026, 3, 4))
    take_step("assign", petition, people["leader"], handler=people["handler"])
    take_step("verify", petition, people["handler"])
    petition.refresh_from_db()
    return petition


def dialogue(petition, people, held_on=date(2026, 3, 12)):
    return take_step(
        "dialogue", petition, people["handler"], held_on=held_on, place="Trụ sở UBND phường Tân Phong",
        participants="Ông An (người khiếu nại); đại diện UBND phường (người bị khiếu nại)",
        content="Người khiếu nại giữ yêu cầu bồi thường theo giá thị trường.",
        result="Hai bên chưa thống nhất; người khiếu nại giữ nguyên yêu cầu.", minutes=minutes(),
    )  # fmt: skip


def resolve(petition, people):
    return services.resolve_petition(
        petition=petition, actor=people["handler"], decided_on=date(2026, 3, 16), number="12/QĐ-UBND",
        outcome=Outcome.UNJUSTIFIED,
    )  # fmt: skip


def test_a_required_dialogue_missing_blocks_the_resolution_and_a_recorded_one_allows_it(make_petition, people):
    petition = verifying(make_petition, people)
    assert not services.dialogue_state(petition).required  # first instance: only when they differ
    take_step(
        "dialogue_finding", petition, people["handler"], differs=True,
        reason="Người khiếu nại yêu cầu bồi thường theo giá thị trường; xác minh thấy áp đúng bảng giá.",
    )  # fmt: skip
    state = services.dialogue_state(petition)
    assert state.required and state.missing and state.rule.legal_basis == "Luật Khiếu nại 2011, Điều 30"
    with pytest.raises(DomainError, match="Phải tổ chức đối thoại"):
        resolve(petition, people)
    petition.refresh_from_db()
    assert petition.status == Status.VERIFYING and not petition.decisions.exists()

    held = dialogue(petition, people)
    assert held.minutes.original_name == "bien-ban-doi-thoai.pdf" and held.minutes.petition == petition
    assert petition.events.filter(kind=EventKind.DIALOGUE_HELD, is_public=True).exists()
    resolve(petition, people)
    petition.refresh_from_db()
    assert petition.status == Status.RESOLVED


def test_without_a_difference_a_first_instance_complaint_is_resolved_without_dialogue(make_petition, people):
    petition = verifying(make_petition, people)
    take_step("dialogue_finding", petition, people["handler"], differs=False)
    assert not services.dialogue_state(petition).required
    resolve(petition, people)
    petition.refresh_from_db()
    assert petition.status == Status.RESOLVED


def test_a_second_instance_complaint_always_needs_a_dialogue(make_petition, people):
    petition = verifying(make_petition, people, kind=Kind.COMPLAINT_SECOND, first_decision_reference="5/QĐ")
    state = services.dialogue_state(petition)
    assert state.required and state.rule.legal_basis == "Luật Khiếu nại 2011, Điều 39"
    assert "dialogue_finding" not in [step.name for step in steps_for(people["handler"], petition)]
    with pytest.raises(DomainError, match="Điều 39"):
        resolve(petition, people)


def test_the_dialogue_date_is_between_the_acceptance_and_today(make_petition, people):
    petition = verifying(make_petition, people)
    with pytest.raises(DomainError, match="trước ngày thụ lý"):
        dialogue(petition, people, held_on=date(2026, 3, 3))  # accepted on 4/3
    with pytest.raises(DomainError, match="sau ngày hôm nay"):
        dialogue(petition, people, held_on=date(2026, 3, 17))
    assert not Dialogue.objects.exists()


def test_a_denunciation_or_a_received_complaint_has_no_dialogue(make_petition, people):
    received = make_petition(received=date(2026, 3, 2))
    assert "dialogue" not in [step.name for step in steps_for(people["handler"], received)]
    denunciation = verifying(make_petition, people, kind=Kind.DENUNCIATION)
    assert services.dialogue_state(denunciation) is None
    with pytest.raises(DomainError, match="khiếu nại"):
        dialogue(denunciation, people)
    assert "dialogue" not in [step.name for step in steps_for(people["handler"], denunciation)]


class TestPage:
    def test_the_handler_is_offered_the_steps_and_sees_the_panel(self, client, make_petition, people):
        petition = verifying(make_petition, people)
        client.force_login(people["handler"])
        page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        assert 'id="step-dialogue"' in page and 'id="step-dialogue_finding"' in page
        assert 'enctype="multipart/form-data"' in page
        assert "Đối thoại:</span>" in page and "không bắt buộc" in page

        client.post(
            reverse("petitions:step", args=[petition.pk, "dialogue_finding"]),
            {"dialogue_finding-differs": "yes", "dialogue_finding-reason": "Khác về mức bồi thường."},
        )
        page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        assert "bắt buộc" in page and "chưa tổ chức" in page

        response = client.post(
            reverse("petitions:step", args=[petition.pk, "dialogue"]),
            {
                "dialogue-held_on": "12/03/2026",
                "dialogue-place": "Trụ sở UBND phường",
                "dialogue-participants": "Ông An; đại diện UBND phường",
                "dialogue-content": "Trao đổi về mức bồi thường.",
                "dialogue-result": "Chưa thống nhất.",
                "dialogue-minutes": minutes(),
            },
        )
        assert response.status_code == 302, response.content.decode()
        page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        assert "đã tổ chức ngày 12/03/2026" in page and "bien-ban-doi-thoai.pdf" in page

    def test_a_dialogue_without_minutes_or_before_acceptance_is_refused_with_the_input_kept(
        self, client, make_petition, people
    ):
        petition = verifying(make_petition, people)
        client.force_login(people["handler"])
        url = reverse("petitions:step", args=[petition.pk, "dialogue"])
        data = {
            "dialogue-held_on": "12/03/2026",
            "dialogue-place": "Nhà văn hóa tổ 5",
            "dialogue-participants": "Ông An",
            "dialogue-content": "Trao đổi.",
            "dialogue-result": "Chưa thống nhất.",
        }
        page = client.post(url, data)
        assert page.status_code == 400
        assert "Đính kèm biên bản đối thoại" in page.content.decode() and "Nhà văn hóa tổ 5" in page.content.decode()
        page = client.post(url, {**data, "dialogue-held_on": "03/03/2026", "dialogue-minutes": minutes()})
        assert page.status_code == 400 and "trước ngày thụ lý" in page.content.decode()
        assert not Dialogue.objects.exists()

    def test_a_refused_resolution_says_why(self, client, make_petition, people):
        petition = verifying(make_petition, people, kind=Kind.COMPLAINT_SECOND, first_decision_reference="5/QĐ")
        client.force_login(people["handler"])
        response = client.post(
            reverse("petitions:step", args=[petition.pk, "resolve"]),
            {"resolve-decided_on": "16/03/2026", "resolve-number": "12/QĐ", "resolve-outcome": Outcome.UNJUSTIFIED},
        )
        assert response.status_code == 400 and "Phải tổ chức đối thoại" in response.content.decode()
