"""A year's register as .xlsx: at once when small (the register's own export), by a worker with progress beyond."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from documents import exports
from documents.models import Export, ExportStatus
from petitions.models import Kind


def test_a_small_register_goes_to_the_register_export(client, make_petition, positions):
    make_petition()
    client.force_login(positions["leader"])
    response = client.get(f"{reverse('documents:register')}?kind=complaint_1")
    assert response.status_code == 302 and response["Location"] == f"{reverse('petitions:export')}?kind=complaint_1"


def test_a_long_register_is_made_by_a_worker_scoped_sealed_and_followed(
    client, make_petition, positions, units, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.DOCUMENTS_INLINE_ROWS = 1
    monkeypatch.setattr(exports, "PROGRESS_ROWS", 1)
    seen = []
    real = exports.services.record_export_progress
    monkeypatch.setattr(exports.services, "record_export_progress", lambda **kw: (seen.append(kw["done"]), real(**kw)))
    make_petition(summary="Khiếu nại về bồi thường đất")
    make_petition(kind=Kind.DENUNCIATION, summary="Tố cáo cán bộ địa chính")
    make_petition(receiving_unit=units["other"], summary="Đơn của xã khác")  # out of the leader's scope
    client.force_login(positions["leader"])
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(reverse("documents:register"))
    assert page.status_code == 200 and b"data-export-progress" in page.content
    export = Export.objects.get()
    assert export.status == ExportStatus.DONE and export.total == 2 and seen == [1, 2]
    sheet = load_workbook(BytesIO(client.get(reverse("documents:export_file", args=[export.pk])).content)).active
    rows = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
    summaries = sorted(row[5] for row in rows)
    assert summaries == ["Khiếu nại về bồi thường đất", "Tố cáo cán bộ địa chính"]
    assert all("Nguyễn Văn An" not in str(row[3]) for row in rows if row[5].startswith("Tố cáo"))
    client.force_login(positions["stranger"])
    assert client.get(reverse("documents:export_file", args=[export.pk])).status_code == 404


def test_old_exports_are_dropped_daily(positions, settings):
    from documents import tasks

    settings.DOCUMENTS_EXPORT_DAYS = 7
    mine = Export.objects.create(user=positions["leader"], kind="report", file_format="pdf", total=3)
    old = Export.objects.create(user=positions["leader"], kind="report", file_format="pdf", total=3)
    Export.objects.filter(pk=old.pk).update(status=ExportStatus.DONE, finished_at="2026-02-20T09:00:00+07:00")
    Export.objects.filter(pk=mine.pk).update(status=ExportStatus.DONE, finished_at="2026-02-24T09:00:00+07:00")
    tasks.delete_old_exports()  # today is 2 March: 20 February is over 7 days ago, 24 February is not
    assert list(Export.objects.values_list("pk", flat=True)) == [mine.pk]
