"""The national database export (Decree 55/2022/NĐ-CP, Art 6): schema, round trip, sealing, spreadsheet."""

import json
from datetime import date
from io import BytesIO

import jsonschema
import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from api import national
from petitions.models import Kind
from petitions.selectors import petition_list
from reception import services as reception_services
from tests.api.conftest import bearer
from tests.factories import SessionFactory
from tests.fixtures import PERSON

PERIOD = "period=custom&start=2026-02-01&end=2026-02-28"


@pytest.fixture
def records(make_petition, units, people, category):
    made = [
        make_petition(received=date(2026, 2, 3)),
        make_petition(kind=Kind.COMPLAINT_SECOND, received=date(2026, 2, 4), first_decision_reference="QĐ 12/QĐ-UBND"),
        make_petition(kind=Kind.DENUNCIATION, received=date(2026, 2, 5)),
        make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 6), summary='=HYPERLINK("http://x")'),
        make_petition(received=date(2026, 3, 2)),  # outside the period
        make_petition(actor=people["other_handler"], receiving_unit=units["other"], received=date(2026, 2, 7)),
    ]
    session = SessionFactory(date=date(2026, 2, 10), hosts=[units["committee"]])
    reception_services.set_session_status(
        session=session, actor=people["officer"], status="held", presided_by=people["leader"]
    )
    for kind, name in (("feedback", "Lò Thị Xuân"), ("denunciation", "Hoàng Văn Tố")):
        reception_services.record_visit(
            session=session, actor=people["officer"],
            data={"kind": kind, "category": category, "topic": "Đèn đường", "citizen_count": 1, "is_group": False,
                  "outcome": "explained", "refusal_reason": "", "handled_before_by": "", "notes": ""},
            visitors=[{"full_name": name}],
        )  # fmt: skip
    return made


def _in_period(user):
    return petition_list(user).filter(received_date__range=(date(2026, 2, 1), date(2026, 2, 28)))


def test_the_export_validates_and_round_trips(api, people, records):
    leader = people["leader"]
    api.force_login(leader)
    response = api.get(f"/api/v1/national/?{PERIOD}")
    assert response.status_code == 200
    document = json.loads(response.content)
    national.validate(document)
    register = _in_period(leader)
    assert document["totals"]["petition_processing"] == register.count() == 4
    assert {row["code"] for row in document["petition_processing"]} == set(register.values_list("code", flat=True))
    assert (
        document["totals"]["complaint_resolution"] == register.filter(kind__in=["complaint_1", "complaint_2"]).count()
    )
    assert document["totals"]["denunciation_resolution"] == register.filter(kind="denunciation").count() == 1
    assert document["totals"]["recommendation_handling"] == 1
    assert document["totals"]["citizen_reception"] == 2


def test_a_denouncer_is_sealed_in_every_section(api, people, records):
    api.force_login(people["leader"])  # a leader of the handling unit may unseal on the page; an export never does
    text = api.get(f"/api/v1/national/?{PERIOD}").content.decode()
    assert PERSON["full_name"] in text  # complaints name their complainant (Art 6(1)(a))
    document = json.loads(text)
    denunciation = next(row for row in document["petition_processing"] if row["kind"] == "denunciation")
    assert denunciation["senders"] == [{"full_name": "***", "address": "***"}]
    assert "Hoàng Văn Tố" not in text


def test_an_export_breaking_the_schema_is_refused():
    with pytest.raises(jsonschema.ValidationError):
        national.validate({"schema_version": "1", "citizen_reception": "not a list"})


def test_the_spreadsheet_holds_the_same_records_and_no_formula(api, people, records):
    api.force_login(people["leader"])
    response = api.get(f"/api/v1/national/?{PERIOD}&output=xlsx")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    assert len(book.sheetnames) == 5
    processing = list(book.worksheets[1].iter_rows(values_only=True))
    assert len(processing) - 2 == 4  # title and header rows, then one row per petition
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert any(cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s" for cell in cells)


def test_only_report_readers_export(api, people, records):
    api.force_login(people["handler"])
    assert api.get(f"/api/v1/national/?{PERIOD}").status_code == 403


def test_a_client_exports_its_units_records(api, make_client, units, records):
    _client, token = make_client(units["other"])
    document = api.get(f"/api/v1/national/?{PERIOD}", **bearer(token)).json()
    assert document["totals"]["petition_processing"] == 1


def test_the_command_writes_a_valid_file(tmp_path, people, records):
    out = tmp_path / "export.json"
    call_command("export_national", user=people["leader"].username, start="2026-02-01", end="2026-02-28",
                 output=str(out))  # fmt: skip
    document = json.loads(out.read_text(encoding="utf-8"))
    national.validate(document)
    assert document["totals"]["petition_processing"] == _in_period(people["leader"]).count()


def test_the_report_figures_are_the_dashboards(api, people, records):
    api.force_login(people["leader"])
    figures = api.get(f"/api/v1/reports/?{PERIOD}").json()["figures"]
    assert figures["petitions"]["received"] == 4
    assert figures["petitions"]["denunciations"] == 1
    assert figures["reception"]["visits"] == 2
    assert api.get("/api/v1/reports/?period=custom&start=2026-03-01&end=2026-02-01").status_code == 400
    assert api.get(f"/api/v1/reports/?{PERIOD}&unit={people['stranger'].memberships.get().unit_id}").status_code == 404
