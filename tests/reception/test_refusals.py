"""Reasons for refusing a reception, in the words of the Law on Citizen Reception 2013, Art. 9."""

from importlib import import_module

import pytest
from django.utils import translation

from reception.models import RefusalReason, Visit
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

ARTICLE_9 = {
    "incapacity": "Người trong tình trạng say do dùng chất kích thích, người mắc bệnh tâm thần hoặc một bệnh khác "
    "làm mất khả năng nhận thức hoặc khả năng điều khiển hành vi của mình",
    "threats": "Người có hành vi đe dọa, xúc phạm cơ quan, tổ chức, đơn vị, người tiếp công dân, người thi hành công "
    "vụ hoặc có hành vi khác vi phạm nội quy nơi tiếp công dân",
    "repeated": "Người khiếu nại, tố cáo về vụ việc đã giải quyết đúng chính sách, pháp luật, được cơ quan nhà nước có "
    "thẩm quyền kiểm tra, rà soát, thông báo bằng văn bản và đã được tiếp, giải thích, hướng dẫn nhưng vẫn cố tình "
    "khiếu nại, tố cáo kéo dài",
    "other": "Những trường hợp khác theo quy định của pháp luật",
}


def test_the_reasons_are_the_four_cases_of_article_9():
    with translation.override("vi"):
        assert {value: str(label) for value, label in RefusalReason.choices} == ARTICLE_9


def test_a_refusal_recorded_for_breaking_the_rules_becomes_the_second_case(units, people, category):
    """Clause 2 names threats, insults and other breaches of the rules together: the old "rules" choice joins it."""
    from django.apps import apps

    migration = import_module("reception.migrations.0005_session_moves_and_article_9")
    session = SessionFactory(hosts=[units["committee"]])
    visit = Visit.objects.create(
        session=session, topic="Gây rối", category=category, kind="complaint_1", outcome="refused",
        refusal_reason="rules", recorded_by=people["officer"],
    )  # fmt: skip
    migration.merge_rules_into_threats(apps, None)
    visit.refresh_from_db()
    assert visit.refusal_reason == "threats"


def test_a_refusal_for_another_legal_case_names_the_provision(units, people, category, time_machine):
    from danvan.workflow import DomainError
    from reception import services

    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)
    session = SessionFactory(hosts=[units["committee"]])
    data = {
        "kind": "feedback", "category": category, "topic": "Yêu cầu tiếp", "citizen_count": 1, "is_group": False,
        "outcome": "refused", "refusal_reason": "other", "handled_before_by": "", "notes": "",
    }  # fmt: skip
    with translation.override("vi"), pytest.raises(DomainError, match="quy định pháp luật cho phép từ chối"):
        services.record_visit(session=session, actor=people["officer"], data=data, visitors=[{"full_name": "A"}])
    data["notes"] = "Điều 4 Thông tư 04/2021/TT-TTCP"
    visit = services.record_visit(session=session, actor=people["officer"], data=data, visitors=[{"full_name": "A"}])
    assert visit.refusal_reason == "other"
