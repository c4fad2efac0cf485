"""The petition pages: intake and editing, scope, confidentiality, the register, the steps."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.accounts.roles import Role
from petitions import services
from petitions.models import (
    AccessContext,
    Category,
    DeadlineRule,
    IdentityAccess,
    Kind,
    Petition,
    SavedFilter,
    Stage,
)
from petitions.workflow import Status
from tests.factories import CategoryFactory, UserFactory
from tests.fixtures import PERSON

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


def intake_post(units, **changes):
    data = {
        "kind": Kind.COMPLAINT_FIRST,
        "channel": "in_person",
        "received_date": "27/02/2026",
        "receiving_unit": units["committee"].pk,
        "category": Category.objects.get(name="Đất đai").pk,
        "summary": "Khiếu nại việc thu hồi đất đai ở tổ 5",
        "content": "Gia đình không đồng ý mức bồi thường.",
        "respondent": "UBND phường Tân Phong",
        "people_count": "1",
        "people-TOTAL_FORMS": "1",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "50",
        "people-0-full_name": "Nguyễn Văn An",
        "people-0-citizen_id": "012345678901",
        "people-0-province_code": "12",
        "people-0-commune_code": "3408",
        "people-0-address": "Tổ 5",
        "people-0-phone": "0912345678",
    }
    data.update(changes)
    return data


def count_queries(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


class TestIntake:
    def test_officer_records_a_petition_with_a_file(self, client, people, units):
        client.force_login(people["officer"])
        scan = SimpleUploadedFile("don.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
        response = client.post(reverse("petitions:create"), {**intake_post(units), "files": [scan]})
        petition = Petition.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse("petitions:detail", args=[petition.pk])
        assert petition.received_date == date(2026, 2, 27)
        assert petition.petitioners.get().citizen_id == "012345678901"
        assert petition.attachments.get().original_name == "don.pdf"
        assert petition.due_date == date(2026, 3, 9)  # 10 days → Sunday 8/3 rolls to Monday

    def test_bad_input_is_explained_in_vietnamese_and_kept(self, client, people, units):
        client.force_login(people["officer"])
        bad = intake_post(
            units, received_date="05/03/2026", **{"people-0-citizen_id": "12345", "people-0-phone": "abc"}
        )
        response = client.post(reverse("petitions:create"), bad)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Ngày không được ở tương lai" in html
        assert "Số định danh cá nhân gồm đúng 12 chữ số" in html
        assert "Nhập số điện thoại từ 8 đến 15 chữ số" in html
        assert 'value="Khiếu nại việc thu hồi đất đai ở tổ 5"' in html
        assert 'value="12345"' in html
        assert not Petition.objects.exists()

    def test_a_disallowed_or_oversized_file_is_refused(self, client, people, units):
        client.force_login(people["officer"])
        script = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
        html = client.post(reverse("petitions:create"), {**intake_post(units), "files": [script]}).content.decode()
        assert "không phải loại tệp được chấp nhận" in html
        from petitions.models import PetitionPolicy

        PetitionPolicy.objects.filter(pk=1).update(max_attachment_mb=1)
        big = SimpleUploadedFile("scan.pdf", b"x" * (1024 * 1024 + 1), content_type="application/pdf")
        html = client.post(reverse("petitions:create"), {**intake_post(units), "files": [big]}).content.decode()
        assert "lớn hơn 1 MB" in html
        assert not Petition.objects.exists()

    def test_too_many_representatives_for_a_group(self, client, people, units):
        client.force_login(people["officer"])
        rows = {"people_count": "6", "people-TOTAL_FORMS": "3"}
        for i, cid in enumerate(["012345678901", "012345678902", "012345678903"]):
            rows.update({f"people-{i}-full_name": f"Người {i}", f"people-{i}-citizen_id": cid,
                         f"people-{i}-province_code": "12", f"people-{i}-is_representative": "on"})  # fmt: skip
        html = client.post(reverse("petitions:create"), intake_post(units, **rows)).content.decode()
        assert "tối đa 2 người đại diện" in html

    def test_commune_must_be_in_the_province(self, client, people, units):
        client.force_login(people["officer"])
        html = client.post(
            reverse("petitions:create"), intake_post(units, **{"people-0-province_code": "1"})
        ).content.decode()
        assert "Xã, phường này không thuộc tỉnh đã chọn" in html

    def test_communes_endpoint(self, client, people):
        client.force_login(people["officer"])
        communes = client.get(reverse("petitions:communes"), {"province": "12"}).json()["communes"]
        assert ["3408", "Phường Tân Phong"] in communes and len(communes) == 38

    def test_without_an_intake_role_the_form_is_refused(self, client, units):
        client.force_login(UserFactory(units=[units["committee"]]))
        assert client.get(reverse("petitions:create")).status_code == 403

    def test_a_date_without_a_rule_gets_a_message_once_and_nothing_is_recorded(self, client, people, units):
        DeadlineRule.objects.filter(stage=Stage.ACCEPTANCE).update(valid_from=date(2026, 2, 1))
        client.force_login(people["officer"])
        response = client.post(reverse("petitions:create"), intake_post(units, received_date="20/01/2026"))
        assert response.content.decode().count("Chưa có quy tắc thời hạn áp dụng cho ngày 20/01/2026") == 1
        assert not Petition.objects.exists()

    def test_a_second_instance_complaint_must_refer_to_the_first(self, client, people, units):
        client.force_login(people["officer"])
        html = client.post(reverse("petitions:create"), intake_post(units, kind=Kind.COMPLAINT_SECOND)).content.decode()
        assert html.count("Khiếu nại lần hai phải dẫn chiếu quyết định giải quyết lần đầu") == 1
        ok = client.post(
            reverse("petitions:create"),
            intake_post(units, kind=Kind.COMPLAINT_SECOND, first_decision_reference="Quyết định số 5/QĐ-UBND"),
        )
        assert ok.status_code == 302

    def test_the_intake_form_asks_for_similar_petitions(self, client, make_petition, people):
        first = make_petition(summary="Khiếu nại quyết định thu hồi đất tổ 12")
        client.force_login(people["handler"])
        url = reverse("petitions:similar")
        by_words = client.get(url, {"summary": "khieu nai thu hoi dat to 12"}).json()["matches"]
        by_id = client.get(url, {"citizen_id": PERSON["citizen_id"], "summary": "x"}).json()
        assert [m["code"] for m in by_words] == [first.code]
        # The same person about something else: another petition of the sender, not a possible duplicate.
        assert by_id["matches"] == [] and [m["code"] for m in by_id["same_sender"]] == [first.code]
        sealed = make_petition(
            kind=Kind.DENUNCIATION, summary="Tố cáo", petitioners=[{**PERSON, "citizen_id": "099999999999"}]
        )
        hidden = client.get(url, {"citizen_id": "099999999999", "summary": "y"}).json()
        assert sealed.code not in [m["code"] for m in hidden["matches"] + hidden["same_sender"]]


class TestEditing:
    def test_an_edit_without_its_version_is_refused_with_a_message_once(self, client, make_petition, people):
        petition = make_petition()
        client.force_login(people["officer"])
        data = {**intake_post({"committee": petition.receiving_unit}), "people-INITIAL_FORMS": "1",
                "people-0-id": str(petition.petitioners.get().pk)}  # fmt: skip
        html = client.post(reverse("petitions:edit", args=[petition.pk]), data).content.decode()
        assert html.count("thiếu số phiên bản") == 1

    def test_concurrent_edit_keeps_the_second_officials_input(self, client, make_petition, people):
        petition = make_petition()
        form = reverse("petitions:edit", args=[petition.pk])
        edit = {
            **intake_post({"committee": petition.receiving_unit}, summary="Bản sửa của người thứ hai"),
            "version": str(petition.version),
            "people-INITIAL_FORMS": "1",
            "people-0-id": str(petition.petitioners.get().pk),
        }
        services.update_petition(
            petition=petition, actor=people["handler"], version=petition.version,
            data={"summary": "Bản sửa của người thứ nhất", "received_date": petition.received_date},
            petitioners=[{"id": petition.petitioners.get().pk, "full_name": "Nguyễn Văn An"}],
        )  # fmt: skip
        client.force_login(people["officer"])
        html = client.post(form, edit).content.decode()
        assert html.count("Người khác đã lưu đơn này") == 1
        assert 'value="Bản sửa của người thứ hai"' in html
        assert Petition.objects.get(pk=petition.pk).summary == "Bản sửa của người thứ nhất"


class TestScope:
    def test_another_units_official_gets_404_everywhere(self, client, make_petition, people):
        petition = make_petition()
        client.force_login(people["stranger"])
        for name in ("detail", "edit", "receipt", "deadlines"):
            assert client.get(reverse(f"petitions:{name}", args=[petition.pk])).status_code == 404, name
        assert client.post(reverse("petitions:step", args=[petition.pk, "classify"])).status_code == 404
        assert petition.code not in client.get(reverse("petitions:list")).content.decode()

    def test_province_leader_sees_commune_petitions(self, client, make_petition, units):
        petition = make_petition()
        client.force_login(UserFactory(roles=[Role.LEADER], units=[units["province"]]))
        assert client.get(reverse("petitions:detail", args=[petition.pk])).status_code == 200


class TestConfidentiality:
    def test_unassigned_handler_sees_the_denouncer_redacted(self, client, make_petition, people):
        petition = make_petition(kind=Kind.DENUNCIATION)
        client.force_login(people["colleague"])
        html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        assert "Nguyễn Văn An" not in html and "012345678901" not in html and "0912345678" not in html
        assert "Danh tính được bảo mật" in html
        assert client.get(reverse("petitions:detail", args=[petition.pk]) + "?reveal=1").status_code == 403
        assert not IdentityAccess.objects.exists()

    def test_the_assigned_handlers_view_is_logged(self, client, make_petition, people):
        petition = make_petition(kind=Kind.DENUNCIATION)
        services.assign_petition(petition=petition, handler=people["handler"], actor=people["leader"])
        client.force_login(people["handler"])
        url = reverse("petitions:detail", args=[petition.pk])
        assert "Nguyễn Văn An" not in client.get(url).content.decode()
        assert not IdentityAccess.objects.exists()
        assert "Nguyễn Văn An" in client.get(url + "?reveal=1").content.decode()
        access = IdentityAccess.objects.get()
        assert (access.user, access.petition, access.context) == (people["handler"], petition, AccessContext.DETAIL)
        client.force_login(people["leader"])
        log = client.get(reverse("petitions:identity_log")).content.decode()
        assert "Phạm Quốc Bảo" in log and petition.code in log

    def test_a_province_leader_cannot_unseal_a_communes_denunciation(self, client, make_petition, units, people):
        petition = make_petition(kind=Kind.DENUNCIATION)
        province_leader = UserFactory(roles=[Role.LEADER], units=[units["province"]])
        client.force_login(province_leader)
        url = reverse("petitions:detail", args=[petition.pk])
        assert client.get(url).status_code == 200
        assert client.get(url + "?reveal=1").status_code == 403
        client.force_login(people["leader"])  # leader of the handling unit itself
        assert "Nguyễn Văn An" in client.get(url + "?reveal=1").content.decode()
        assert IdentityAccess.objects.get().user == people["leader"]

    def test_sealed_names_are_not_searchable_and_not_in_lists(self, client, make_petition, people):
        make_petition(kind=Kind.DENUNCIATION)
        client.force_login(people["leader"])
        page = client.get(reverse("petitions:list")).content.decode()
        assert "Nguyễn Văn An" not in page and "Danh tính được bảo mật" in page
        assert "Không có đơn nào" in client.get(reverse("petitions:list"), {"q": "nguyen van an"}).content.decode()

    def test_attachments_of_a_denunciation_follow_the_seal(self, client, make_petition, people):
        petition = make_petition(kind=Kind.DENUNCIATION)
        services.add_attachments(
            petition=petition, actor=people["officer"], files=[SimpleUploadedFile("to-cao.pdf", b"%PDF")]
        )
        url = reverse("petitions:attachment", args=[petition.pk, petition.attachments.get().pk])
        client.force_login(people["colleague"])
        assert client.get(url).status_code == 403
        client.force_login(people["leader"])
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF"
        assert IdentityAccess.objects.get().context == AccessContext.ATTACHMENT
        assert client.get(reverse("petitions:attachment", args=[petition.pk, 999999])).status_code == 404

    def test_the_identity_log_makes_as_many_queries_for_20_rows_as_for_1(self, client, make_petition, people):
        def seen(n):
            petition = make_petition(kind=Kind.DENUNCIATION, summary=f"Tố cáo số {n}")
            services.record_identity_access(petition=petition, user=people["leader"], context=AccessContext.DETAIL)
            return petition

        client.force_login(people["leader"])
        url = reverse("petitions:identity_log")
        first = seen(0)
        one = count_queries(client, url)
        later = [seen(n) for n in range(1, 20)]
        html = client.get(url).content.decode()
        assert all(p.code in html for p in [first, *later])
        assert count_queries(client, url) == one

    def test_the_log_shows_who_opened_a_petition_they_were_told_of(self, client, make_petition, people):
        """Leaders see, on the same page, each opening by an official outside their units who was told of an
        overdue petition; as many queries for 20 openings as for 1."""
        outsider = people["stranger"]

        def told_and_opened(n):
            petition = make_petition(summary=f"Khiếu nại số {n}")
            services.escalate_petition(
                petition=petition, deadline=petition.deadline, level=2, recipients_label="UBND tỉnh", readers=[outsider]
            )
            services.record_reader_viewing(petition=petition, user=outsider)
            return petition

        client.force_login(people["leader"])
        url = reverse("petitions:identity_log")
        first = told_and_opened(0)
        html = client.get(url).content.decode()
        log = between(html, 'data-testid="reader-viewings"', "</section>")
        assert first.code in log and "Vàng A Sử" in log
        one = count_queries(client, url)
        later = [told_and_opened(n) for n in range(1, 20)]
        log = between(client.get(url).content.decode(), 'data-testid="reader-viewings"', "</section>")
        assert all(p.code in log for p in [first, *later])
        assert count_queries(client, url) == one
        client.force_login(outsider)  # the other unit's leader sees none of it in their own log
        assert first.code not in client.get(url).content.decode()


class TestList:
    def test_search_ignores_diacritics_and_filters_combine(self, client, make_petition, people):
        make_petition(summary="Tranh chấp đất đai tổ 3")
        make_petition(
            kind=Kind.FEEDBACK, summary="Phản ánh đèn đường hỏng", content="Đèn hỏng",
            category=CategoryFactory(name="Giao thông, đô thị"),
        )  # fmt: skip
        client.force_login(people["leader"])
        html = client.get(reverse("petitions:list"), {"q": "dat dai"}).content.decode()
        assert "Tranh chấp đất đai tổ 3" in html and "đèn đường" not in html
        html = client.get(reverse("petitions:list"), {"kind": Kind.FEEDBACK}).content.decode()
        assert "đèn đường" in html and "Tranh chấp" not in html

    def test_overdue_and_due_within(self, client, make_petition, people):
        late = make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 2, 2), summary="Đơn đã quá hạn")
        soon = make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 2, 24), summary="Đơn sắp đến hạn")
        assert late.due_date < date(2026, 3, 2) <= soon.due_date
        client.force_login(people["leader"])
        overdue = client.get(reverse("petitions:list"), {"overdue": "true"}).content.decode()
        assert "Đơn đã quá hạn" in overdue and "Đơn sắp đến hạn" not in overdue
        assert "quá hạn" in overdue
        within = client.get(reverse("petitions:list"), {"due_within": "10"}).content.decode()
        assert "Đơn sắp đến hạn" in within and "Đơn đã quá hạn" not in within

    def test_absurd_filters_give_a_page_not_an_error(self, client, people):
        client.force_login(people["leader"])
        assert client.get(reverse("petitions:list"), {"due_within": "99999999"}).status_code == 200
        assert client.get(reverse("petitions:list"), {"received_from": "32/13/2026"}).status_code == 200

    def test_the_register_makes_as_many_queries_for_20_rows_as_for_1(self, client, make_petition, people):
        def petition(n):
            # Two petitioners and a handler each, so every column of the row has something to show.
            made = make_petition(
                summary=f"Đơn số {n}", petitioners=[{"full_name": "Lò Thị Mai"}, {"full_name": "Lò Văn Páo"}]
            )
            services.assign_petition(petition=made, handler=people["handler"], actor=people["leader"])
            return made

        client.force_login(people["leader"])
        url = reverse("petitions:list")
        first = petition(0)
        one = count_queries(client, url)
        later = [petition(n) for n in range(1, 20)]
        html = client.get(url).content.decode()
        assert all(p.code in html for p in [first, *later])
        assert count_queries(client, url) == one


def between(html, start, end="</div>"):
    """The page's text from the marker `start` to the next `end`."""
    return html.split(start, 1)[1].split(end, 1)[0]


class TestMostUrgentObligation:
    """The header and the register show the earliest open obligation, main deadline or side one, by name."""

    @pytest.fixture
    def notice_overdue(self, make_petition, people):
        # Accepted on Friday 20/2: the denouncer is told within 5 working days (27/2), the resolution
        # takes 30 days (Sunday 22/3, so Monday 23/3). On 2/3 the notice is 3 days late.
        petition = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 2, 13))
        services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 20))
        petition.refresh_from_db()
        assert petition.due_date == date(2026, 3, 23)
        return petition

    def test_the_header_shows_the_late_acceptance_notice_before_the_resolution_deadline(
        self, client, notice_overdue, people
    ):
        client.force_login(people["leader"])
        url = reverse("petitions:detail", args=[notice_overdue.pk])
        html = client.get(url).content.decode()
        urgent = between(html, 'data-testid="urgent"')
        assert "Hạn thông báo cho công dân" in urgent and "27/02/2026" in urgent
        assert "Quá hạn 3 ngày" in urgent and "text-danger" in urgent
        assert "Hạn giải quyết: chậm nhất ngày 23/03/2026" in between(html, 'data-testid="obligations"', "</section>")
        services.record_acceptance_notice(petition=notice_overdue, actor=people["leader"], notified_on=date(2026, 3, 2))
        urgent = between(client.get(url).content.decode(), 'data-testid="urgent"')
        assert "Hạn giải quyết" in urgent and "23/03/2026" in urgent and "text-success" in urgent

    def test_the_register_shows_the_late_notice_in_the_deadline_column(self, client, notice_overdue, people):
        client.force_login(people["leader"])
        html = client.get(reverse("petitions:list")).content.decode()
        row = between(html, f">{notice_overdue.code}</a>", "</tr>")
        assert "Hạn thông báo cho công dân" in row and "27/02/2026" in row and "Quá hạn 3 ngày" in row
        assert "23/03/2026" not in row

    def test_a_deadline_is_named_for_what_it_is(self, client, make_petition, people):
        petition = make_petition()
        client.force_login(people["leader"])
        html = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        assert "Hạn thụ lý" in between(html, 'data-testid="urgent"')
        assert "Quyết định thụ lý" not in html

    def test_the_register_with_side_deadlines_makes_as_many_queries_for_20_rows_as_for_1(
        self, client, make_petition, people
    ):
        def accepted(n):
            made = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 2, 13), summary=f"Tố cáo số {n}")
            services.accept_petition(petition=made, actor=people["leader"], accepted_date=date(2026, 2, 20))
            return made

        client.force_login(people["leader"])
        url = reverse("petitions:list")
        first = accepted(0)
        one = count_queries(client, url)
        later = [accepted(n) for n in range(1, 20)]
        html = client.get(url).content.decode()
        assert html.count("Hạn thông báo cho công dân</span>") == 20 and all(p.code in html for p in [first, *later])
        assert count_queries(client, url) == one


class TestRegister:
    def test_the_register_says_how_many_petitions_match(self, client, make_petition, people):
        for n in range(3):
            make_petition(summary=f"Tranh chấp đất đai số {n}")
        make_petition(kind=Kind.FEEDBACK, summary="Phản ánh đèn đường hỏng", content="Đèn hỏng")
        client.force_login(people["leader"])
        assert "4 đơn" in client.get(reverse("petitions:list")).content.decode()
        assert "3 đơn" in client.get(reverse("petitions:list"), {"q": "tranh chap"}).content.decode()

    def test_handlers_have_my_petitions(self, client, make_petition, people):
        mine = make_petition(summary="Đơn được giao cho tôi")
        services.assign_petition(petition=mine, handler=people["handler"], actor=people["leader"])
        make_petition(summary="Đơn chưa giao ai")
        client.force_login(people["handler"])
        html = client.get(reverse("petitions:list")).content.decode()
        assert "Đơn của tôi" in html and "?mine=true" in html
        html = client.get(reverse("petitions:list"), {"mine": "true"}).content.decode()
        assert "Đơn được giao cho tôi" in html and "Đơn chưa giao ai" not in html and "1 đơn" in html
        assert 'aria-pressed="true"' in html
        client.force_login(people["officer"])
        assert "Đơn của tôi" not in client.get(reverse("petitions:list")).content.decode()

    def test_a_user_saves_reapplies_and_deletes_a_filter_of_their_own(self, client, make_petition, people):
        make_petition(summary="Tranh chấp đất đai tổ 3")
        client.force_login(people["handler"])
        response = client.post(
            reverse("petitions:save_filter"), {"name": "Đất đai quá hạn", "query": "q=dat+dai&overdue=true&page=3"}
        )
        assert (
            response.status_code == 302
            and response["Location"] == reverse("petitions:list") + "?q=dat+dai&overdue=true"
        )
        html = client.get(reverse("petitions:list")).content.decode()
        assert "Đất đai quá hạn" in html and 'href="?q=dat+dai&amp;overdue=true"' in html
        saved = SavedFilter.objects.get()
        client.force_login(people["colleague"])
        assert "Đất đai quá hạn" not in client.get(reverse("petitions:list")).content.decode()
        assert client.post(reverse("petitions:delete_filter", args=[saved.pk])).status_code == 404
        client.force_login(people["handler"])
        assert client.post(reverse("petitions:delete_filter", args=[saved.pk])).status_code == 302
        assert not SavedFilter.objects.exists()

    def test_a_filter_without_a_name_is_explained_and_nothing_saved(self, client, people):
        client.force_login(people["handler"])
        response = client.post(reverse("petitions:save_filter"), {"name": " ", "query": "q=dat+dai"})
        assert response.status_code == 302
        html = client.get(response["Location"]).content.decode()
        assert html.count("Đặt tên cho bộ lọc cần lưu.") == 1
        assert not SavedFilter.objects.exists()

    def test_column_headers_sort_in_vietnamese_with_the_current_sort_shown(self, client, make_petition, people):
        make_petition()
        client.force_login(people["leader"])
        html = client.get(reverse("petitions:list"), {"q": "dat", "order": "deadline"}).content.decode()
        for key in ("code", "received", "status", "unit"):
            assert f'href="?q=dat&amp;order={key}"' in html, key
        assert 'href="?q=dat&amp;order=-deadline"' in html  # the current column sorts the other way next
        assert html.count("aria-sort=") == 1 and 'aria-sort="ascending"' in html
        assert "bi-arrow-up" in html
        html = client.get(reverse("petitions:list"), {"order": "-code"}).content.decode()
        assert 'aria-sort="descending"' in html and "bi-arrow-down" in html
        for english in ("Due", "descending", "ascending)", "Ordering"):
            assert f">{english}" not in html and f"({english}" not in html, english

    def test_the_register_with_saved_filters_makes_as_many_queries_for_20_rows_as_for_1(
        self, client, make_petition, people
    ):
        services.save_filter(actor=people["leader"], name="Quá hạn", query="overdue=true")
        client.force_login(people["leader"])
        url = reverse("petitions:list")
        make_petition()
        one = count_queries(client, url, order="deadline")
        for _ in range(19):
            make_petition()
        assert "20 đơn" in client.get(url).content.decode()
        assert count_queries(client, url, order="deadline") == one


class TestReceipt:
    def test_the_receipt_names_the_officer_who_received_it(self, client, make_petition, people):
        petition = make_petition()
        client.force_login(people["leader"])
        html = client.get(reverse("petitions:receipt", args=[petition.pk])).content.decode()
        assert "Người tiếp nhận: Lường Thị Thu" in html


class TestSteps:
    def test_accept_through_the_page(self, client, make_petition, people):
        petition = make_petition(received=date(2026, 2, 20))
        client.force_login(people["handler"])
        url = reverse("petitions:step", args=[petition.pk, "accept"])
        response = client.post(url, {"accept-accepted_date": "25/02/2026", "accept-note": ""})
        assert response.status_code == 302
        petition.refresh_from_db()
        assert petition.status == Status.ACCEPTED and petition.due_date == date(2026, 3, 27)

    def test_an_unassigned_handler_is_told_what_the_petition_waits_for_and_takes_it(
        self, client, make_petition, people
    ):
        petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
        services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 23))
        client.force_login(people["colleague"])
        url = reverse("petitions:detail", args=[petition.pk])
        html = client.get(url).content.decode()
        assert 'data-testid="waiting-for"' in html and "Chờ lãnh đạo giao người xử lý" in html
        assert html.count("Nhận xử lý") == 1
        response = client.post(reverse("petitions:step", args=[petition.pk, "take"]), {})
        assert response.status_code == 302
        html = client.get(url).content.decode()
        assert "Chờ người xử lý Lò Văn Tâm xác minh, giải quyết" in html and "Nhận xử lý" not in html

    def test_refusal_records_the_chosen_reason_and_its_details(self, client, make_petition, people):
        petition = make_petition(received=date(2026, 2, 20))
        client.force_login(people["handler"])
        url = reverse("petitions:step", args=[petition.pk, "refuse"])
        reason = "Đã hết thời hiệu khiếu nại."
        data = {
            "refuse-reason": reason,
            "refuse-details": "Quyết định ban hành năm 2023.",
            "refuse-decided_on": "27/02/2026",
        }
        assert client.post(url, data).status_code == 302
        assert petition.decisions.get().text == "Đã hết thời hiệu khiếu nại. Quyết định ban hành năm 2023."

    def test_an_invalid_step_shows_the_page_with_the_input_and_the_error_once(self, client, make_petition, people):
        petition = make_petition(received=date(2026, 2, 20))
        services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 25))
        client.force_login(people["leader"])
        url = reverse("petitions:step", args=[petition.pk, "resolve"])
        response = client.post(
            url, {"resolve-decided_on": "24/02/2026", "resolve-number": "9/QĐ-UBND", "resolve-outcome": "justified"}
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert html.count("Quyết định không được ghi ngày trước ngày thụ lý") == 1
        assert 'value="9/QĐ-UBND"' in html
        assert Petition.objects.get(pk=petition.pk).status == Status.ACCEPTED

    def test_a_future_date_is_explained_once(self, client, make_petition, people):
        petition = make_petition(received=date(2026, 2, 20))
        client.force_login(people["handler"])
        url = reverse("petitions:step", args=[petition.pk, "accept"])
        response = client.post(url, {"accept-accepted_date": "05/03/2026"})
        assert response.status_code == 400
        assert response.content.decode().count("Ngày không được ở tương lai.") == 1
        assert Petition.objects.get(pk=petition.pk).status == Status.RECEIVED

    def test_a_step_not_allowed_from_the_status_is_refused_once(self, client, make_petition, people):
        petition = make_petition()
        client.force_login(people["leader"])
        url = reverse("petitions:step", args=[petition.pk, "close"])
        response = client.post(url, {"close-note": ""})
        assert response.status_code == 400
        assert response.content.decode().count("Không thể chuyển từ") == 1

    def test_a_step_the_user_may_not_take_is_forbidden_and_an_unknown_one_not_found(
        self, client, make_petition, people
    ):
        petition = make_petition()
        client.force_login(people["officer"])
        assert client.post(reverse("petitions:step", args=[petition.pk, "accept"])).status_code == 403
        assert client.post(reverse("petitions:step", args=[petition.pk, "launch"])).status_code == 404
        assert Petition.objects.get(pk=petition.pk).status == Status.RECEIVED


NOTE = "Ghi chú riêng của cán bộ: đã gặp ông Tòng Văn Chiến"


def _received(make_petition, people):
    return make_petition(received=date(2026, 2, 20))


def _late(make_petition, people):
    return make_petition(received=date(2026, 2, 13))  # its acceptance deadline was 23/2


def _accepted(make_petition, people):
    petition = make_petition(received=date(2026, 2, 20))
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 23))
    services.assign_petition(petition=petition, handler=people["handler"], actor=people["leader"])
    return petition


def _answered(make_petition, people):
    petition = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 20))
    services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 23))
    services.resolve_petition(petition=petition, actor=people["leader"], decided_on=date(2026, 2, 27), text="Đã xử lý.")
    return petition


# (step, how the petition gets to where the step is offered, the step's other fields, the typed text's field)
NOTED_STEPS = [
    ("classify", _received, {}, "note"),
    ("accept", _received, {"accepted_date": "25/02/2026"}, "note"),
    ("transfer", _received, {"to_name": "Tòa án nhân dân khu vực 1"}, "note"),
    ("guide", _received, {}, "note"),
    ("file", _received, {}, "note"),
    ("withdraw", _received, {"withdrawn_on": "02/03/2026"}, "note"),
    ("note", _received, {}, "note"),
    ("delay", _late, {"committed_date": "20/03/2026"}, "reason"),
    ("verify", _accepted, {}, "note"),
    ("terminate", _accepted, {"decided_on": "02/03/2026", "number": "3/QĐ-ĐC"}, "reason"),
    ("close", _answered, {}, "note"),
]


@pytest.mark.parametrize("shown", [False, True], ids=["internal", "shown"])
@pytest.mark.parametrize(("name", "setup", "fields", "typed"), NOTED_STEPS, ids=[s[0] for s in NOTED_STEPS])
def test_a_typed_note_reaches_the_citizen_only_when_shown(
    client, make_petition, people, name, setup, fields, typed, shown
):
    petition = setup(make_petition, people)
    client.force_login(people["leader"])
    data = {f"{name}-{field}": value for field, value in {**fields, typed: NOTE}.items()}
    if shown:
        data[f"{name}-is_public"] = "on"
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert f'name="{name}-is_public"' in page  # every step with a typed note has the box
    response = client.post(reverse("petitions:step", args=[petition.pk, name]), data)
    assert response.status_code == 302, response.content.decode()
    assert NOTE in client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()  # officials see it
    client.logout()
    status_page = client.post(reverse("lookup"), {"code": petition.code, "key": petition.lookup_key}).content.decode()
    assert (NOTE in status_page) is shown
    assert petition.events.filter(note__contains=NOTE, is_public=True).exists() is shown


class TestDuplicates:
    def test_likely_duplicates_are_suggested_on_the_new_petition(self, client, make_petition, people):
        first = make_petition(summary="Khiếu nại quyết định thu hồi đất tổ 12")
        second = make_petition(summary="Khiếu nại về quyết định thu hồi đất ở tổ 12")
        client.force_login(people["handler"])
        html = client.get(reverse("petitions:detail", args=[second.pk])).content.decode()
        assert 'data-testid="duplicates"' in html and first.code in html

    def test_the_same_sender_alone_is_not_a_possible_duplicate(self, client, make_petition, people):
        """Same citizen ID, unrelated matter: listed apart as the sender's other petitions, not as a duplicate;
        a possible duplicate says why it matches."""
        land = make_petition(summary="Khiếu nại quyết định thu hồi đất ở tổ 5")
        lamp = make_petition(kind=Kind.FEEDBACK, summary="Phản ánh đèn đường hỏng ở tổ 9")
        client.force_login(people["handler"])
        html = client.get(reverse("petitions:detail", args=[lamp.pk])).content.decode()
        assert 'data-testid="duplicates"' not in html
        assert 'data-testid="same-sender"' in html and "Đơn khác của cùng người gửi" in html and land.code in html
        again = make_petition(summary="Khiếu nại về quyết định thu hồi đất tổ 5")
        html = client.get(reverse("petitions:detail", args=[again.pk])).content.decode()
        duplicates = between(html, 'data-testid="duplicates"')
        assert land.code in duplicates and "cùng người gửi, nội dung tương tự" in duplicates
        assert lamp.code not in duplicates and lamp.code in between(html, 'data-testid="same-sender"')
        found = client.get(
            reverse("petitions:similar"), {"citizen_id": PERSON["citizen_id"], "summary": "Phản ánh rác thải chợ"}
        ).json()
        assert found["matches"] == [] and {row["code"] for row in found["same_sender"]} == {
            land.code,
            lamp.code,
            again.code,
        }

    def test_a_sealed_petition_is_not_suggested_by_citizen_id_to_someone_who_may_not_see_it(
        self, client, make_petition, people
    ):
        denunciation = make_petition(kind=Kind.DENUNCIATION, summary="Tố cáo cán bộ thu tiền")
        complaint = make_petition(kind=Kind.FEEDBACK, summary="Phản ánh đường hỏng")
        client.force_login(people["colleague"])
        html = client.get(reverse("petitions:detail", args=[complaint.pk])).content.decode()
        assert denunciation.code not in html

    def test_suggestions_on_a_sealed_petition_do_not_reveal_its_petitioner(self, client, make_petition, people):
        complaint = make_petition(kind=Kind.FEEDBACK, summary="Phản ánh đường hỏng")
        denunciation = make_petition(kind=Kind.DENUNCIATION, summary="Tố cáo cán bộ thu tiền")
        client.force_login(people["colleague"])
        html = client.get(reverse("petitions:detail", args=[denunciation.pk])).content.decode()
        assert complaint.code not in html


def test_the_timeline_links_a_transfer_only_for_who_may_open_the_other_petition(client, make_petition, people, units):
    from petitions import services as petition_services

    petition = make_petition(kind="recommendation")
    petition_services.transfer_petition(petition=petition, actor=people["leader"], note="", to_unit=units["other"])
    client.force_login(people["leader"])
    html = client.get(f"/petitions/{petition.pk}/").content.decode()
    new = petition.events.exclude(related_petition=None).get().related_petition
    assert new.code in html
    assert f'href="/petitions/{new.pk}/"' not in html  # another commune's petition: its code, no dead link
