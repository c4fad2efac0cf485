"""The dashboard page: its controls show the period displayed, each figure opens its list with the same
unit and period (as many rows as the figure says), and bad input is answered in Vietnamese, once, with 400."""

from datetime import date, time
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind, UnitLevel
from dashboard.models import ReportPolicy
from petitions import services
from petitions.models import Kind
from reception.models import ReceptionSession, SessionStatus, Visit
from supervision.workflow import InitiativeStatus, RecommendationStatus
from tests.factories import (
    InitiativeFactory,
    ProgrammeFactory,
    RecommendationFactory,
    SupervisionFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Q2 = "/dashboard/?period=quarter&year=2026&number=2"


@pytest.fixture(autouse=True)
def _calendar_months(db, time_machine):
    """Calendar quarters (no cut-off day), seen on 20/6/2026."""
    time_machine.move_to("2026-06-20 09:00 +0700", tick=False)
    ReportPolicy.objects.update_or_create(pk=1, defaults={"cutoff_day": 0})


@pytest.fixture
def governor(units):
    """A leader of the whole province: the dashboard's unit control narrows what they see."""
    return UserFactory(full_name="Giàng Thị Hoa", roles=[Role.LEADER], units=[units["province"]])


def session(day, unit, status=SessionStatus.HELD, visits=0, recorder=None, category=None):
    item = ReceptionSession.objects.create(
        date=day, start_time=time(7, 30), end_time=time(11, 0), place="Trụ sở", presiding_position="Chủ tịch",
        status=status,
    )  # fmt: skip
    item.hosts.set([unit])
    for _ in range(visits):
        Visit.objects.create(
            session=item, topic="Đất đai", category=category, kind="complaint_1", outcome="guided",
            recorded_by=recorder, citizen_count=2,
        )  # fmt: skip
    return item


@pytest.fixture
def world(units, people, category, make_petition):
    """In Q2 2026 for Phường Tân Phong (its committee): some of everything, and the same outside the unit
    (Xã Bình Lư) or the period, which no figure nor list may count."""
    committee, other = units["committee"], units["other"]
    officer, leader = people["officer"], people["leader"]
    for unit, day, status, visits in [
        (committee, date(2026, 4, 8), SessionStatus.HELD, 2),
        (committee, date(2026, 5, 13), SessionStatus.HELD, 1),
        (committee, date(2026, 6, 10), SessionStatus.CANCELLED, 0),
        (committee, date(2026, 3, 11), SessionStatus.HELD, 1),  # Q1
        (other, date(2026, 4, 15), SessionStatus.HELD, 3),
    ]:
        session(day, unit, status, visits, recorder=officer, category=category)
    council = UnitFactory(
        name="Thường trực HĐND tỉnh", kind=UnitKind.COUNCIL_STANDING, level=UnitLevel.PROVINCE,
        parent=units["province"],
    )  # fmt: skip
    supervision = SupervisionFactory(programme=ProgrammeFactory(year=2026, body=council))
    for unit, due, status in [
        (committee, date(2026, 4, 30), RecommendationStatus.IMPLEMENTED),
        (committee, date(2026, 6, 30), RecommendationStatus.IN_PROGRESS),
        (committee, date(2026, 5, 31), RecommendationStatus.NOT_STARTED),
        (committee, date(2026, 9, 30), RecommendationStatus.IMPLEMENTED),  # Q3
        (other, date(2026, 5, 15), RecommendationStatus.IMPLEMENTED),
    ]:
        RecommendationFactory(supervision=supervision, addressed_to=unit, due_date=due, status=status)
    for unit, year, status in [
        (committee, 2026, InitiativeStatus.EXEMPLAR),
        (committee, 2026, InitiativeStatus.REGISTERED),
        (committee, 2025, InitiativeStatus.COMMENDED),
        (other, 2026, InitiativeStatus.COMMENDED),
    ]:
        InitiativeFactory(unit=unit, year=year, status=status)
    answered = make_petition(kind=Kind.RECOMMENDATION, channel="voter_meeting", received=date(2026, 4, 20))
    services.accept_petition(petition=answered, actor=leader, accepted_date=date(2026, 4, 21))
    services.resolve_petition(petition=answered, actor=leader, decided_on=date(2026, 5, 4), text="Đã trả lời cử tri")
    make_petition(kind=Kind.RECOMMENDATION, channel="voter_meeting", received=date(2026, 6, 2))
    make_petition(kind=Kind.RECOMMENDATION, channel="voter_meeting", received=date(2026, 3, 2))  # Q1
    return {"commune": committee.parent}


def selected(html, name):
    """The value a <select name=...> shows."""
    import re

    select = html[html.index(f'name="{name}"') :]
    select = select[: select.index("</select>")]
    chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', select)
    return chosen[0] if chosen else None


def test_the_controls_show_the_period_displayed(client, governor):
    client.force_login(governor)
    html = client.get(Q2).content.decode()
    assert selected(html, "period") == "quarter" and 'name="year" value="2026"' in html
    assert 'name="number" value="2"' in html and "01/04/2026 – 30/06/2026" in html
    # With nothing chosen, the controls say which default is shown: this quarter (the 2nd) of this year.
    html = client.get("/dashboard/").content.decode()
    assert selected(html, "period") == "quarter" and 'name="year" value="2026"' in html
    assert 'name="number" value="2"' in html and "01/04/2026 – 30/06/2026" in html
    html = client.get("/dashboard/?period=custom&start=05/04/2026&end=20/05/2026").content.decode()
    assert selected(html, "period") == "custom" and 'value="05/04/2026"' in html and 'value="20/05/2026"' in html
    assert "05/04/2026 – 20/05/2026" in html


def query_of(link):
    return parse_qs(urlsplit(link).query)


def test_every_figure_opens_its_list_with_the_same_unit_and_period(client, governor, world):
    commune = world["commune"]
    client.force_login(governor)
    response = client.get(f"{Q2}&unit={commune.pk}")
    figures, links = response.context["figures"], response.context["links"]
    reception, recommendations = figures["reception"], figures["recommendations"]
    voters, models = figures["voters"], figures["models"]
    expected = {
        "sessions": (reception["sessions_held"], 2),
        "recommendations_due": (recommendations["due"], 3),
        "recommendations_implemented": (recommendations["implemented"], 1),
        "voters": (voters["received"], 2),
        "voters_answered": (voters["answered"], 1),
        "models": (models["models"], 2),
        "exemplars": (models["exemplars"], 1),
    }
    for key, (figure, known) in expected.items():
        assert figure == known, key
        listed = client.get(links[key])
        assert listed.status_code == 200 and listed.context["paginator"].count == figure, key
    assert urlsplit(links["recommendations_due"]).path == "/supervision/recommendations/"
    # Every figure of the period carries the unit and the period; the visits open the sessions they were made at.
    assert reception["visits"] == 3 and reception["people"] == 6
    for key in ["sessions", "visits", "recommendations_due", "recommendations_implemented", "voters", "models"]:
        query = query_of(links[key])
        assert [str(commune.pk)] in query.values(), key
        dates = {value for values in query.values() for value in values}
        assert {"01/04/2026", "30/06/2026"} <= dates or key == "models", key
    assert query_of(links["models"])["year"] == ["2026"]


@pytest.mark.parametrize(
    ("query", "message", "kept"),
    [
        ("period=quarter&year=abc&number=2", "Năm phải là số nguyên từ 2000 đến 2100.", 'value="abc"'),
        ("period=month&year=2026&number=13", "Số tháng hoặc quý phải là số nguyên từ 1 đến 12.", 'value="13"'),
        ("period=quarter&year=2026&number=5", "Quý được đánh số từ 1 đến 4.", 'value="5"'),
        ("period=week&year=2026", "Chọn kỳ báo cáo trong danh sách.", 'value="2026"'),
        (
            "period=custom&start=20/05/2026&end=05/04/2026",
            "Ngày kết thúc không được trước ngày bắt đầu.",
            'value="05/04/2026"',
        ),
        ("period=custom&start=31/02/2026&end=05/04/2026", "Ngày bắt đầu không hợp lệ", 'value="31/02/2026"'),
        ("period=custom&start=05/04/2026", "Nhập ngày kết thúc của kỳ tùy chọn.", 'value="05/04/2026"'),
        ("unit=999999", "Chọn đơn vị thuộc phạm vi của đồng chí trong danh sách.", 'name="unit"'),
    ],
)
def test_bad_input_is_named_once_kept_and_answered_400(client, governor, query, message, kept):
    client.force_login(governor)
    response = client.get(f"/dashboard/?{query}")
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count(message) == 1 and kept in html
    # The figures still show, for the default period, and the heading says which.
    assert 'data-testid="kpi-received"' in html and "01/04/2026 – 30/06/2026" in html
    report = client.get(f"/dashboard/report/?{query}")
    assert report.status_code == 400 and message in report.content.decode()
    assert client.get(f"/dashboard/report/?{query}&format=xlsx").status_code == 400


def test_the_report_links_open_the_period_displayed(client, governor):
    client.force_login(governor)
    links = client.get("/dashboard/?period=quarter&year=abc").context["report_query"]
    assert query_of(f"?{links}")["year"] == ["2026"]  # the default shown, not the refused input


@pytest.fixture
def register(units, people, make_petition):
    """Q2 2026 at UBND phường Tân Phong, seen on 20/6/2026: petitions late by a side deadline only, by the
    main one, reported upwards; cases resolved, withdrawn then closed, terminated; a duplicate and a
    second-instance complaint."""
    leader = people["leader"]

    def accepted(kind, received, on):
        petition = make_petition(kind=kind, received=received)
        services.accept_petition(petition=petition, actor=leader, accepted_date=on)
        return petition

    # Resolution due 1/7, but the denouncer had to be told of the acceptance by 8/6: late (red in the register).
    notice_late = accepted(Kind.DENUNCIATION, date(2026, 5, 29), date(2026, 6, 1))
    notice = notice_late.deadlines.get(stage="acceptance_notice")
    services.escalate_petition(petition=notice_late, deadline=notice, level=1, recipients_label="lãnh đạo")
    accepted(Kind.COMPLAINT_FIRST, date(2026, 4, 2), date(2026, 4, 6))  # resolution due 6/5: late
    accepted(Kind.COMPLAINT_FIRST, date(2026, 6, 10), date(2026, 6, 12))  # due in July: not late
    resolved = accepted(Kind.COMPLAINT_FIRST, date(2026, 4, 3), date(2026, 4, 7))
    services.resolve_petition(
        petition=resolved, actor=leader, decided_on=date(2026, 4, 30), number="5/QĐ", outcome="justified"
    )
    services.close_petition(petition=resolved, actor=leader)
    withdrawn = accepted(Kind.COMPLAINT_FIRST, date(2026, 4, 8), date(2026, 4, 9))
    services.withdraw_petition(petition=withdrawn, actor=leader, withdrawn_on=date(2026, 4, 20))
    services.close_petition(petition=withdrawn, actor=leader)
    terminated = accepted(Kind.DENUNCIATION, date(2026, 4, 8), date(2026, 4, 9))
    services.terminate_petition(
        petition=terminated, actor=leader, decided_on=date(2026, 4, 28), number="6/QĐ-ĐC", reason="Người bị tố cáo chết"
    )
    services.close_petition(petition=terminated, actor=leader)
    original = make_petition(received=date(2026, 5, 4))
    copy = make_petition(received=date(2026, 5, 6))
    services.mark_duplicate(petition=copy, original=original, actor=leader)
    make_petition(kind=Kind.COMPLAINT_SECOND, received=date(2026, 5, 20), first_decision_reference="5/QĐ")
    return {"resolved": resolved, "withdrawn": withdrawn, "terminated": terminated}


class FilterForm(HTMLParser):
    """The register's filter form as a browser submits it: each named input's value, each select's choices."""

    def __init__(self):
        super().__init__()
        self.fields, self.inside, self.select = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "filters" in (attrs.get("class") or ""):
            self.inside = True
        elif not self.inside:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "checkbox"):
            self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "select":
            self.select = attrs.get("name")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def submitted_again(html):
    """The query the filter form sends when "Filter" is pressed, as the page shows it."""
    form = FilterForm()
    form.feed(html)
    return form.fields


PERIOD_LINKS = [
    "received", "complaints", "denunciations", "recommendations", "within_competence", "resolved", "group",
    "skipped_level", "transferred", "repeated", "voters", "voters_answered",
]  # fmt: skip
NOW_LINKS = ["overdue", "escalated"]


def figure_of(figures, key):
    if key in NOW_LINKS:
        return figures["now"][key]
    return {"voters": figures["voters"]["received"], "voters_answered": figures["voters"]["answered"]}.get(
        key, figures["petitions"].get(key)
    )


def test_every_petition_figure_opens_a_register_that_keeps_its_conditions(client, governor, world, register):
    """The register lists as many rows as the figure; its date boxes show the period as dd/mm/yyyy; and every
    condition of the link is a visible filter, so pressing "Lọc" lists the same rows again."""
    client.force_login(governor)
    response = client.get(f"{Q2}&unit={world['commune'].pk}")
    figures, links = response.context["figures"], response.context["links"]
    for key in PERIOD_LINKS + NOW_LINKS:
        listed = client.get(links[key])
        html = listed.content.decode()
        assert listed.context["paginator"].count == figure_of(figures, key), key
        again = client.get("/petitions/", dict_of(submitted_again(html)))
        assert again.context["paginator"].count == figure_of(figures, key), (key, submitted_again(html))
        if key in PERIOD_LINKS:
            assert 'name="received_from" value="01/04/2026"' in html, key
            assert 'name="received_to" value="30/06/2026"' in html, key
    # Overdue: the petitions whose deadline the whole register shows in red, a side deadline's included.
    whole = client.get("/petitions/", {"unit": world["commune"].pk, "size": 100}).content.decode()
    assert whole.count("deadline d-inline-block text-danger") == figure_of(figures, "overdue") == 6
    # Resolved: the voters' answered recommendation and the complaint decided, not the withdrawn or terminated.
    known = {
        "within_competence": 7, "resolved": 2, "repeated": 2, "escalated": 1, "voters_answered": 1,
    }  # fmt: skip
    assert {key: figure_of(figures, key) for key in known} == known
    assert register["withdrawn"] not in client.get(links["resolved"]).context["petitions"]


def dict_of(pairs):
    query = {}
    for name, value in pairs:
        query.setdefault(name, []).append(value)
    return query


def test_an_iso_date_in_a_link_is_shown_day_first(client, governor):
    client.force_login(governor)
    html = client.get("/petitions/?received_from=2026-09-15").content.decode()
    assert 'name="received_from" value="15/09/2026"' in html
