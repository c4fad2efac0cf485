"""The periodic report as a document: the unit's name, the period, the preparer and the signer; scoped like the
report page; over many units made by a worker with a progress page."""

from django.urls import reverse

from documents.layout import MOTTO, NATIONAL_NAME
from documents.models import Export, ExportStatus
from tests.documents.conftest import docx_text, pdf_text

QUERY = "period=quarter&year=2026&number=1"


def report(client, user, file_format="pdf", query=QUERY):
    client.force_login(user)
    return client.get(f"{reverse('documents:report', args=[file_format])}?{query}")


def test_report_names_the_unit_the_period_the_preparer_and_the_signer(client, make_petition, positions):
    make_petition()
    pdf = report(client, positions["leader"])
    word = report(client, positions["leader"], "docx")
    assert pdf.status_code == word.status_code == 200
    for text in (pdf_text(pdf.content), docx_text(word.content)):
        assert NATIONAL_NAME in text and MOTTO in text
        assert "UBND PHƯỜNG TÂN PHONG" in text and "Đơn vị báo cáo: UBND phường Tân Phong." in text
        assert "Tất cả đơn vị" not in text
        assert "BÁO CÁO" in text and "Số: 1/BC-UBND" in text
        assert "Biểu số 01/XLD" in text and "Biểu số 03/KQGQ" in text
        assert "NGƯỜI LẬP BIỂU" in text
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG" in text and text.count("Đỗ Văn Long") == 2  # preparer and signer
    assert "Kỳ báo cáo: từ ngày" in pdf_text(pdf.content)


def test_report_of_a_chosen_unit_out_of_scope_is_refused(client, positions, units):
    refused = report(client, positions["leader"], query=f"{QUERY}&unit={units['other'].pk}")
    assert refused.status_code == 400 and refused["Content-Type"].startswith("text/html")
    assert report(client, positions["handler"]).status_code == 403  # the report page is the leaders'


def test_the_report_page_links_its_documents(client, positions):
    client.force_login(positions["leader"])
    page = client.get(f"/dashboard/report/?{QUERY}").content.decode()
    assert f"{reverse('documents:report', args=['pdf'])}?" in page
    assert f"{reverse('documents:report', args=['docx'])}?" in page


def test_a_report_over_many_units_is_made_by_a_worker_with_a_progress_page(
    client, positions, settings, django_capture_on_commit_callbacks
):
    settings.DOCUMENTS_INLINE_UNITS = 0
    with django_capture_on_commit_callbacks(execute=True):
        page = report(client, positions["leader"])
    assert page.status_code == 200 and b"data-export-progress" in page.content
    export = Export.objects.get()
    assert export.status == ExportStatus.DONE and export.user == positions["leader"]
    status = client.get(reverse("documents:export_status", args=[export.pk])).json()
    assert status["status"] == "done" and status["percent"] == 100
    assert status["download"] == reverse("documents:export_file", args=[export.pk])
    text = pdf_text(client.get(status["download"]).content)
    assert "UBND PHƯỜNG TÂN PHONG" in text and "Đỗ Văn Long" in text
    # Asking again while one is being made gives the same one; another official cannot follow or download it.
    client.force_login(positions["colleague"])
    assert client.get(reverse("documents:export_status", args=[export.pk])).status_code == 404
    assert client.get(status["download"]).status_code == 404
