"""The pages: the public ones show published answers and portal disclosures and nothing personal, the
officials' ones are scoped (a stranger gets 404), and each step goes through its service."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from democracy import services
from democracy.models import DisclosureContent, DisclosureForm, Publication
from democracy.workflow import ConsultationStatus, PublicationStatus
from petitions import services as services_petitions

from .conftest import PETITIONER, RAW_CONTENT

pytestmark = pytest.mark.django_db

PUBLIC_SUMMARY = "Phản ánh cống thoát nước tổ 6 bị tắc, ảnh hưởng sinh hoạt"
PUBLIC_ANSWER = "UBND phường đã giao tổ dân phố nạo vét, khơi thông cống."


def _publish(world, petition):
    return services.publish_petition_answer(
        petition=petition, actor=world["handler"], public_summary=PUBLIC_SUMMARY, public_answer=PUBLIC_ANSWER
    )


def test_the_public_page_lists_a_published_answer_and_no_petitioner_data(client, world, answered_feedback):
    _publish(world, answered_feedback)
    response = client.get(reverse("democracy:public_answers"))
    assert response.status_code == 200
    page = response.content.decode()
    assert PUBLIC_SUMMARY in page and PUBLIC_ANSWER in page
    assert world["committee"].name in page
    for private in (PETITIONER["full_name"], PETITIONER["phone"], PETITIONER["citizen_id"], PETITIONER["address"]):
        assert private not in page
    assert RAW_CONTENT not in page
    assert answered_feedback.code not in page  # nor the code a citizen looks the petition up with
    assert "0987654321" not in page  # the official answer named the phone; its public text does not


def test_unpublished_and_withdrawn_answers_are_not_on_the_public_page(client, world, answered_feedback):
    page = client.get(reverse("democracy:public_answers")).content.decode()
    assert PUBLIC_SUMMARY not in page and "Phản ánh cống thoát nước tổ 6 bị tắc" not in page
    publication = _publish(world, answered_feedback)
    services.withdraw_publication(publication=publication, actor=world["leader"], reason="Rà soát lại.")
    page = client.get(reverse("democracy:public_answers")).content.decode()
    assert PUBLIC_SUMMARY not in page and 'data-testid="no-answers"' in page


def test_portal_disclosures_are_public_and_others_are_not(client, world):
    content = DisclosureContent.objects.order_by("order").first()
    common = {
        "actor": world["leader"],
        "unit": world["committee"],
        "content": content,
        "disclosed_on": date(2026, 3, 2),
        "period_from": date(2026, 3, 2),
    }
    services.record_disclosure(
        title="Dự toán trên cổng", summary="Đăng trên cổng", form=DisclosureForm.PORTAL, **common
    )
    services.record_disclosure(
        title="Dự toán niêm yết", summary="Niêm yết tại trụ sở", form=DisclosureForm.NOTICE_BOARD, **common
    )
    page = client.get(reverse("democracy:public_disclosures")).content.decode()
    assert "Dự toán trên cổng" in page and "Dự toán niêm yết" not in page


def test_officials_pages_need_a_login(client, world):
    response = client.get(reverse("democracy:publications"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_publishing_through_the_page(client, world, answered_feedback):
    client.force_login(world["handler"])
    url = reverse("democracy:publish_answer", args=[answered_feedback.pk])
    form = client.get(url)
    assert form.status_code == 200 and "Phản ánh cống thoát nước tổ 6 bị tắc" in form.content.decode()
    bad = client.post(url, {"public_summary": PUBLIC_SUMMARY, "public_answer": ""})
    assert bad.status_code == 400 and not Publication.objects.exists()
    assert PUBLIC_SUMMARY in bad.content.decode()  # what was typed is kept
    response = client.post(url, {"public_summary": PUBLIC_SUMMARY, "public_answer": PUBLIC_ANSWER})
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("democracy:publication", args=[publication.pk])
    listing = client.get(reverse("democracy:publications")).content.decode()
    assert f'data-testid="publication-{publication.pk}"' in listing
    assert f'data-testid="waiting-answer-{answered_feedback.pk}"' not in listing


def test_withdrawing_through_the_page_keeps_the_reason_in_the_history(client, world, answered_feedback):
    publication = _publish(world, answered_feedback)
    client.force_login(world["leader"])
    url = reverse("democracy:withdraw", args=[publication.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Công dân đề nghị không công khai."})
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.WITHDRAWN
    page = client.get(reverse("democracy:publication", args=[publication.pk])).content.decode()
    assert "Công dân đề nghị không công khai." in page


def test_out_of_scope_records_answer_404(client, world, answered_feedback):
    publication = _publish(world, answered_feedback)
    consultation = services.plan_consultation(
        actor=world["leader"],
        unit=world["committee"],
        subject="Đặt tên đường tổ 3",
        method="meeting",
        opens_on=date(2026, 3, 20),
        closes_on=date(2026, 3, 25),
    )
    client.force_login(world["stranger"])
    for name, pk in (
        ("democracy:publication", publication.pk),
        ("democracy:withdraw", publication.pk),
        ("democracy:publish_answer", answered_feedback.pk),
        ("democracy:consultation", consultation.pk),
        ("democracy:open_consultation", consultation.pk),
    ):
        method = client.post if name in ("democracy:withdraw", "democracy:open_consultation") else client.get
        assert method(reverse(name, args=[pk]), {"reason": "x"}).status_code == 404, name
    listing = client.get(reverse("democracy:publications")).content.decode()
    assert f'data-testid="publication-{publication.pk}"' not in listing
    assert "Đặt tên đường tổ 3" not in client.get(reverse("democracy:consultations")).content.decode()
    publication.refresh_from_db()
    consultation.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED and consultation.status == ConsultationStatus.PLANNED


def test_a_reception_officer_may_read_but_not_publish(client, world, answered_feedback):
    client.force_login(world["officer"])
    assert client.get(reverse("democracy:publish_answer", args=[answered_feedback.pk])).status_code == 403


def test_recording_a_disclosure_through_the_page(client, world):
    client.force_login(world["leader"])
    url = reverse("democracy:record_disclosure")
    assert client.get(url).status_code == 200
    data = {
        "unit": world["committee"].pk,
        "content": DisclosureContent.objects.order_by("order").first().pk,
        "title": "Kế hoạch sử dụng đất năm 2026",
        "summary": "Kế hoạch sử dụng đất năm 2026 của phường.",
        "form": DisclosureForm.LOUDSPEAKER,
        "disclosed_on": "02/03/2026",
        "period_from": "02/03/2026",
        "period_to": "01/03/2026",
    }
    assert client.post(url, data).status_code == 400
    assert client.post(url, {**data, "period_to": "05/03/2026"}).status_code == 302
    assert "Kế hoạch sử dụng đất năm 2026" in client.get(reverse("democracy:disclosures")).content.decode()
    client.force_login(world["stranger"])
    assert "Kế hoạch sử dụng đất năm 2026" not in client.get(reverse("democracy:disclosures")).content.decode()


def test_a_consultation_through_its_pages(client, world):
    client.force_login(world["leader"])
    response = client.post(
        reverse("democracy:plan_consultation"),
        {
            "unit": world["committee"].pk,
            "subject": "Xây nhà văn hóa tổ 2",
            "method": "ballot",
            "opens_on": "10/03/2026",
            "closes_on": "15/03/2026",
        },
    )
    assert response.status_code == 302
    detail = response["Location"]
    pk = int(detail.rstrip("/").split("/")[-1])
    assert client.post(reverse("democracy:open_consultation", args=[pk])).status_code == 302
    result = {"participants": "120", "agreed": "121", "decision": "Đồng ý", "concluded_on": "15/03/2026"}
    assert client.post(reverse("democracy:conclude_consultation", args=[pk]), result).status_code == 400
    result["agreed"] = "102"
    assert client.post(reverse("democracy:conclude_consultation", args=[pk]), result).status_code == 302
    page = client.get(detail).content.decode()
    assert "85%" in page and 'data-testid="consultation-status">' in page


def test_the_public_pages_make_the_same_number_of_queries_for_more_rows(
    client, world, make_petition, answered_feedback, django_assert_num_queries
):
    _publish(world, answered_feedback)
    url = reverse("democracy:public_answers")
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for index in range(3):
        petition = make_petition(kind="recommendation", summary=f"Kiến nghị số {index}", received=date(2026, 3, 2))
        services_petitions.accept_petition(petition=petition, actor=world["leader"], accepted_date=date(2026, 3, 3))
        services_petitions.resolve_petition(
            petition=petition, actor=world["leader"], decided_on=date(2026, 3, 9), text="Đã trả lời."
        )
        _publish(world, petition)
    with django_assert_num_queries(len(first.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('data-testid="public-answer-') == 4


def test_citizens_find_the_public_pages_in_their_menu(client, db):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("democracy:public_answers")}"' in page
