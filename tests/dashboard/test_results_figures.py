"""The result columns of forms 01/KQGQ and 03/KQGQ on a data set whose sums are known: what the decisions
ordered, what their enforcement achieved, petitions urged, enforcement completed or in progress."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from danvan.orgunits.models import Unit
from dashboard import selectors
from dashboard.periods import period_for
from petitions import services
from petitions.models import Kind, Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(time_machine, make_petition, people):
    """Q1 2026 (15/12/2025 – 14/3/2026): two complaints and a denunciation resolved with known amounts; two of
    the decisions enforced, one completed; one complaint urged while open, one urged during enforcement."""
    leader = people["leader"]
    time_machine.move_to("2026-03-10 09:00 +0700", tick=False)

    def resolved(kind, received, number, **ordered):
        petition = make_petition(kind=kind, received=received)
        services.accept_petition(petition=petition, actor=leader, accepted_date=received)
        services.resolve_petition(
            petition=petition, actor=leader, decided_on=date(2026, 2, 2), number=number, outcome=Outcome.PARTLY,
            **ordered,
        )  # fmt: skip
        return petition

    first = resolved(
        Kind.COMPLAINT_FIRST, date(2026, 1, 5), "1/QĐ", money_to_state=100_000_000, money_to_citizens=20_000_000,
        land_to_state=Decimal("150.5"), people_for_discipline=2,
    )  # fmt: skip
    second = resolved(
        Kind.COMPLAINT_FIRST, date(2026, 1, 6), "2/QĐ", money_to_citizens=5_000_000, land_to_citizens=Decimal("40"),
        cases_to_investigation=1, people_to_investigation=2,
    )  # fmt: skip
    denounced = resolved(
        Kind.DENUNCIATION, date(2026, 1, 7), "3/KL", money_to_state=7_000_000, people_for_discipline=3,
        cases_to_investigation=1, people_to_investigation=1,
    )  # fmt: skip
    urged_open = make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 2, 20))
    services.accept_petition(petition=urged_open, actor=leader, accepted_date=date(2026, 2, 23))
    services.urge_petition(petition=urged_open, actor=leader, note="Đôn đốc giải quyết.")
    services.urge_petition(petition=urged_open, actor=leader, note="Đôn đốc lần hai.")  # one petition, urged twice

    def enforce(petition):
        services.start_enforcement(
            petition=petition, actor=leader, effective_date=date(2026, 3, 5), measures="Thu hồi, chi trả.",
            due_date=date(2026, 4, 30), responsible_other="Phòng Tài chính",
        )  # fmt: skip

    enforce(first)
    services.complete_enforcement(
        petition=first, actor=leader, completed_on=date(2026, 3, 9), money_to_state_recovered=60_000_000,
        money_to_citizens_returned=20_000_000, land_to_state_recovered=Decimal("100.5"), people_disciplined=1,
    )  # fmt: skip
    enforce(denounced)
    services.urge_petition(petition=denounced, actor=leader, note="Đôn đốc thi hành kết luận.")
    # Received before the period: its amounts are not in Q1's report.
    resolved(Kind.COMPLAINT_FIRST, date(2025, 12, 1), "9/QĐ", money_to_state=999_000_000)
    return {"period": period_for("quarter", 2026, 1, 15), "second": second}


def test_the_result_columns_add_up(results):
    figures = selectors.resolution_results(Unit.objects.all(), results["period"])
    complaint = {key.removeprefix("complaint_"): v for key, v in figures.items() if key.startswith("complaint_")}
    assert complaint["within_competence"] == 3 and complaint["resolved"] == 2
    assert (complaint["money_to_state"], complaint["money_to_citizens"]) == (100_000_000, 25_000_000)
    assert (complaint["land_to_state"], complaint["land_to_citizens"]) == (Decimal("150.5"), Decimal("40"))
    assert complaint["people_for_discipline"] == 2
    assert (complaint["cases_to_investigation"], complaint["people_to_investigation"]) == (1, 2)
    assert complaint["urged"] == 1
    assert (complaint["enforcement_completed"], complaint["enforcement_in_progress"]) == (1, 0)
    assert (complaint["money_to_state_recovered"], complaint["money_to_citizens_returned"]) == (60_000_000, 20_000_000)
    assert complaint["land_to_state_recovered"] == Decimal("100.5") and complaint["land_to_citizens_returned"] == 0
    assert complaint["people_disciplined"] == 1

    denunciation = {key.removeprefix("denunciation_"): v for key, v in figures.items() if key.startswith("denunc")}
    assert (denunciation["money_to_state"], denunciation["money_to_citizens"]) == (7_000_000, 0)
    assert (denunciation["people_for_discipline"], denunciation["cases_to_investigation"]) == (3, 1)
    assert denunciation["people_to_investigation"] == 1 and denunciation["urged"] == 1
    assert (denunciation["enforcement_completed"], denunciation["enforcement_in_progress"]) == (0, 1)
    assert denunciation["money_to_state_recovered"] == 0 and denunciation["people_disciplined"] == 0


def test_the_report_shows_them_in_the_forms_order_and_the_workbook(client, results, people):
    client.force_login(people["leader"])
    url = "/dashboard/report/?period=quarter&year=2026&number=1"
    page = client.get(url).content.decode()
    complaints = page[page.index("01/KQGQ") : page.index("03/KQGQ")]
    labels = [
        "Tiền kiến nghị thu hồi cho Nhà nước (đồng)",
        "Tiền kiến nghị trả lại cho tổ chức, cá nhân (đồng)",
        "Số người kiến nghị xử lý hành chính, kỷ luật",
        "Số vụ chuyển cơ quan điều tra",
        "Số đơn được đôn đốc",
        "Số quyết định đã thi hành xong",
        "Tiền đã thu hồi cho Nhà nước (đồng)",
        "Số người đã bị xử lý hành chính, kỷ luật",
        "Tỷ lệ giải quyết (%)",
    ]
    positions = [complaints.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "100.000.000" in complaints and "150,5" in complaints and "60.000.000" in complaints

    book = load_workbook(BytesIO(client.get(url + "&format=xlsx").content))
    rows = {row[0].value: row[1].value for row in book["01-KQGQ"].iter_rows(min_row=3)}
    assert rows["Tiền kiến nghị thu hồi cho Nhà nước (đồng)"] == 100_000_000
    assert rows["Đất kiến nghị thu hồi cho Nhà nước (m²)"] == pytest.approx(150.5)
    assert rows["Số quyết định đã thi hành xong"] == 1 and rows["Số quyết định đang thi hành"] == 0
    rows = {row[0].value: row[1].value for row in book["03-KQGQ"].iter_rows(min_row=3)}
    assert rows["Số quyết định đang thi hành"] == 1 and rows["Số đơn được đôn đốc"] == 1


def test_more_decisions_make_no_more_queries(results, people, make_petition):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    selectors.resolution_results(Unit.objects.all(), results["period"])  # brings the summaries up to date
    with CaptureQueriesContext(connection) as first:
        selectors.resolution_results(Unit.objects.all(), results["period"])
    petition = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 2, 9))
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 9))
    services.resolve_petition(
        petition=petition, actor=people["leader"], decided_on=date(2026, 3, 2), number="4/KL", outcome=Outcome.PARTLY,
        money_to_state=1,
    )  # fmt: skip
    with CaptureQueriesContext(connection) as stale:
        figures = selectors.resolution_results(Unit.objects.all(), results["period"])
    with CaptureQueriesContext(connection) as second:
        assert selectors.resolution_results(Unit.objects.all(), results["period"]) == figures
    # Anything stale? Then one grouped query over the summary; a change first costs a fixed few more.
    assert len(first) == len(second) == 2 < len(stale)
    assert figures["denunciation_money_to_state"] == 7_000_001
