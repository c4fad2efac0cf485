"""The reception book refuses a period it cannot mean (reversed, over a year, not a date) on the sessions
page, with a Vietnamese message, the input kept and status 400, instead of an empty workbook."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-10 08:00 +0700", tick=False)


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"start": "31/03/2026", "end": "01/03/2026"}, "Ngày kết thúc kỳ không được trước ngày bắt đầu."),
        ({"start": "01/01/2025", "end": "31/03/2026"}, "Sổ tiếp công dân xuất tối đa một năm mỗi lần."),
        ({"start": "31/02/2026", "end": "31/03/2026"}, "Ghi ngày theo dạng ngày/tháng/năm, ví dụ 25/03/2026."),
        ({"start": "01/03/2026"}, "Nhập ngày cuối của sổ."),
    ],
)
def test_a_period_that_cannot_be_exported_is_explained_on_the_sessions_page(client, people, period, message):
    client.force_login(people["officer"])
    response = client.get(reverse("reception:book"), period)
    html = response.content.decode()
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert html.count(message) == 1
    assert "Sổ tiếp công dân chưa được xuất" in html  # said at the top, the details by the fields below
    for value in period.values():
        assert f'value="{value}"' in html
    assert "sessions" in response.context  # the sessions page itself


def test_a_year_is_exported(client, people):
    client.force_login(people["officer"])
    response = client.get(reverse("reception:book"), {"start": "11/03/2025", "end": "10/03/2026"})
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
