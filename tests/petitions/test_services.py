"""Every transition of the petition workflow, through the services, with time frozen."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind
from danvan.workflow import ConcurrentEditError, DomainError, TransitionError
from petitions import services
from petitions.models import (
    Complexity,
    DecisionKind,
    EventKind,
    Kind,
    Outcome,
    Petition,
    PetitionDeadline,
    SavedFilter,
    Stage,
)
from petitions.workflow import Status
from tests.fixtures import PERSON

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today_is_2_march_2026(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


TET_FRIDAY = date(2026, 2, 13)


def events(petition):
    return list(petition.events.values_list("kind", flat=True))


class TestIntake:
    def test_a_complaint_gets_a_code_a_key_and_its_acceptance_deadline(self, make_petition):
        petition = make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 2, 6))
        assert petition.code == f"DT-2026-{petition.pk:06d}"
        assert len(petition.lookup_key) == 10 and petition.lookup_key.isalnum()
        assert petition.status == Status.RECEIVED
        assert petition.deadline.stage == Stage.ACCEPTANCE
        assert petition.due_date == date(2026, 2, 23)  # 10 calendar days end in Tết, rolled forward
        assert events(petition) == [EventKind.RECEIVED]
        assert petition.events.get().is_public

    def test_a_recommendation_gets_the_processing_deadline_across_tet(self, make_petition):
        petition = make_petition(kind=Kind.RECOMMENDATION, received=TET_FRIDAY)
        assert petition.deadline.stage == Stage.PROCESSING
        assert petition.due_date == date(2026, 3, 6)

    def test_a_denunciation_gets_seven_working_days(self, make_petition):
        petition = make_petition(kind=Kind.DENUNCIATION, received=TET_FRIDAY)
        assert petition.due_date == date(2026, 3, 3)  # 23–27/2, 2/3, 3/3

    def test_keys_differ(self, make_petition):
        keys = {make_petition().lookup_key for _ in range(5)}
        assert len(keys) == 5

    def test_group_flag_follows_the_configured_threshold(self, make_petition):
        from petitions.models import PetitionPolicy

        assert make_petition(people_count=5).is_group
        assert not make_petition(people_count=4).is_group
        PetitionPolicy.objects.filter(pk=1).update(group_threshold=10)
        assert not make_petition(people_count=5).is_group

    def test_bad_intake_is_refused(self, make_petition):
        with pytest.raises(DomainError, match="tương lai"):
            make_petition(received=date(2026, 3, 3))
        with pytest.raises(DomainError):
            make_petition(kind=Kind.COMPLAINT_FIRST, is_anonymous=True, petitioners=[])
        with pytest.raises(DomainError):
            make_petition(kind=Kind.FEEDBACK, petitioners=[])
        assert not Petition.objects.exists()

    def test_only_officials_with_an_intake_role_record(self, make_petition, people):
        from tests.factories import UserFactory

        with pytest.raises(PermissionDenied):
            make_petition(actor=UserFactory())

    def test_search_text_folds_accents_and_leaves_sealed_names_out(self, make_petition):
        complaint = make_petition(kind=Kind.COMPLAINT_FIRST)
        denunciation = make_petition(kind=Kind.DENUNCIATION)
        assert "dat dai" in complaint.search_text and "nguyen van an" in complaint.search_text
        assert "nguyen van an" not in denunciation.search_text
        assert "012345678901" not in denunciation.search_text


class TestClassification:
    def test_classify_then_accept_starts_the_resolution_deadline(self, make_petition, people):
        petition = make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 2, 6))
        services.classify_petition(petition=petition, actor=people["handler"])
        first = petition.deadline
        services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 10))
        petition.refresh_from_db()
        assert petition.status == Status.ACCEPTED
        assert petition.accepted_date == date(2026, 2, 10)
        assert petition.deadline.stage == Stage.RESOLUTION
        assert petition.due_date == date(2026, 3, 12)  # 30 calendar days
        first.refresh_from_db()
        assert first.met_on == date(2026, 2, 10)
        assert events(petition) == [EventKind.RECEIVED, EventKind.CLASSIFIED, EventKind.ACCEPTED]

    def test_accept_directly_from_received(self, make_petition, people):
        petition = make_petition(kind=Kind.RECOMMENDATION)
        services.accept_petition(petition=petition, actor=people["leader"], accepted_date=date(2026, 2, 16))
        petition.refresh_from_db()
        assert petition.status == Status.ACCEPTED
        # 10 working days from Monday 16/2 (Tết) run from 23/2.
        assert petition.due_date == date(2026, 3, 6)

    def test_acceptance_date_is_checked(self, make_petition, people):
        petition = make_petition(received=date(2026, 2, 10))
        with pytest.raises(DomainError):
            services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 9))
        with pytest.raises(DomainError):
            services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 3, 3))

    def test_refuse(self, make_petition, people):
        petition = make_petition()
        services.refuse_petition(
            petition=petition, actor=people["handler"], reason="Đã hết thời hiệu khiếu nại (90 ngày).",
            decided_on=date(2026, 2, 20), number="12/TB-UBND",
        )  # fmt: skip
        petition.refresh_from_db()
        assert petition.status == Status.NOT_ACCEPTED
        assert petition.due_date is None
        assert petition.decisions.get().kind == DecisionKind.NOT_ACCEPTED
        assert petition.events.last().note == "Đã hết thời hiệu khiếu nại (90 ngày)."

    def test_transfer_to_a_unit_in_the_portal_creates_a_linked_petition(self, make_petition, people, units):
        petition = make_petition()
        services.transfer_petition(petition=petition, actor=people["handler"], note="", to_unit=units["other"])
        petition.refresh_from_db()
        linked = Petition.objects.get(transferred_from=petition)
        assert petition.status == Status.TRANSFERRED
        assert petition.transferred_to_name == "UBND xã Bình Lư"
        assert linked.handling_unit == units["other"] and linked.channel == "transferred"
        assert linked.received_date == date(2026, 3, 2) and linked.status == Status.RECEIVED
        assert linked.due_date == date(2026, 3, 12)
        assert [p.full_name for p in linked.petitioners.all()] == ["Nguyễn Văn An"]
        assert petition.events.last().related_petition == linked
        assert events(linked) == [EventKind.TRANSFERRED_IN]
        assert linked.events.get().related_petition == petition

    def test_transfer_outside_the_portal(self, make_petition, people):
        petition = make_petition()
        with pytest.raises(DomainError):
            services.transfer_petition(petition=petition, actor=people["handler"], note="")
        services.transfer_petition(
            petition=petition, actor=people["handler"], note="", to_name="Tòa án nhân dân khu vực 1 - Lai Châu"
        )
        petition.refresh_from_db()
        assert petition.status == Status.TRANSFERRED
        assert not Petition.objects.filter(transferred_from=petition).exists()

    def test_guide_and_file(self, make_petition, people):
        guided = make_petition()
        services.guide_petition(petition=guided, actor=people["handler"], note="Hướng dẫn gửi đơn đến Tòa án.")
        filed = make_petition(kind=Kind.FEEDBACK)
        with pytest.raises(DomainError):
            services.file_petition(petition=filed, actor=people["handler"], note=" ")
        services.file_petition(petition=filed, actor=people["handler"], note="Nội dung không rõ ràng.")
        assert Petition.objects.get(pk=guided.pk).status == Status.GUIDED
        assert Petition.objects.get(pk=filed.pk).status == Status.FILED

    def test_duplicate_links_both_ways(self, make_petition, people):
        original = make_petition()
        copy = make_petition()
        services.mark_duplicate(petition=copy, original=original, actor=people["handler"])
        copy.refresh_from_db()
        assert copy.status == Status.DUPLICATE and copy.duplicate_of == original
        assert original.events.last().related_petition == copy
        with pytest.raises(DomainError):
            services.mark_duplicate(petition=original, original=original, actor=people["handler"])

    def test_anonymous_denunciation_without_evidence_can_only_be_filed(self, make_petition, people):
        petition = make_petition(kind=Kind.DENUNCIATION, is_anonymous=True, petitioners=[])
        with pytest.raises(DomainError, match="nặc danh"):
            services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 20))
        services.file_petition(petition=petition, actor=people["handler"], note="Đơn nặc danh, không có chứng cứ.")
        assert Petition.objects.get(pk=petition.pk).status == Status.FILED

    def test_anonymous_denunciation_with_evidence_is_checked(self, make_petition, people):
        petition = make_petition(kind=Kind.DENUNCIATION, is_anonymous=True, has_evidence=True, petitioners=[])
        services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 2, 20))
        assert Petition.objects.get(pk=petition.pk).status == Status.ACCEPTED

    def test_second_instance_is_linked_to_the_first(self, make_petition, people):
        first = make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 1, 5))
        second = make_petition(kind=Kind.COMPLAINT_SECOND, first_instance=first, first_decision_reference="")
        assert second.first_instance == first
        assert list(first.second_instances.all()) == [second]

    def test_anonymous_denunciation_without_evidence_cannot_be_classified_or_transferred(
        self, make_petition, people, units
    ):
        petition = make_petition(kind=Kind.DENUNCIATION, is_anonymous=True, petitioners=[])
        with pytest.raises(DomainError):
            services.classify_petition(petition=petition, actor=people["handler"])
        with pytest.raises(DomainError):
            services.transfer_petition(petition=petition, actor=people["handler"], note="", to_unit=units["other"])
        assert Petition.objects.get(pk=petition.pk).status == Status.RECEIVED


@pytest.fixture
def accepted(make_petition, people):
    def make(kind=Kind.COMPLAINT_FIRST, accepted_on=date(2026, 2, 10), **extra):
        petition = make_petition(kind=kind, received=date(2026, 2, 6), **extra)
        services.accept_petition(petition=petition, actor=people["handler"], accepted_date=accepted_on)
        petition.refresh_from_db()
        return petition

    return make


class TestHandling:
    def test_leader_assigns_and_the_handler_is_notified(self, accepted, people):
        petition = accepted()
        services.assign_petition(petition=petition, handler=people["handler"], actor=people["leader"])
        petition.refresh_from_db()
        assert petition.handler == people["handler"]
        notice = people["handler"].notifications.get()
        assert petition.code in notice.title
        with pytest.raises(PermissionDenied):
            services.assign_petition(petition=petition, handler=people["colleague"], actor=people["handler"])

    def test_a_handler_takes_an_unassigned_petition_and_the_leaders_are_told_after_commit(
        self, accepted, people, django_capture_on_commit_callbacks
    ):
        petition = accepted()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.take_petition(petition=petition, actor=people["handler"])
            assert not people["leader"].notifications.exists()  # nothing before the commit
        for callback in callbacks:
            callback()
        petition.refresh_from_db()
        assert petition.handler == people["handler"]
        event = petition.events.last()
        assert (event.kind, event.actor, event.is_public) == (EventKind.ASSIGNED, people["handler"], False)
        assert "Phạm Quốc Bảo" in event.note
        notice = people["leader"].notifications.get()
        assert notice.kind == "petition_taken" and petition.code in notice.title and "Phạm Quốc Bảo" in notice.title
        with pytest.raises(DomainError, match="Phạm Quốc Bảo"):  # taken already: say by whom
            services.take_petition(petition=petition, actor=people["colleague"])

    def test_only_a_handler_of_the_unit_takes_and_only_once_accepted(self, make_petition, accepted, people):
        petition = accepted()
        for who in ("stranger", "officer", "other_handler"):
            with pytest.raises(PermissionDenied):
                services.take_petition(petition=petition, actor=people[who])
        with pytest.raises(DomainError):
            services.take_petition(petition=make_petition(), actor=people["handler"])
        assert Petition.objects.get(pk=petition.pk).handler is None

    def test_a_handler_from_another_unit_cannot_be_assigned(self, accepted, people):
        petition = accepted()
        with pytest.raises(DomainError):
            services.assign_petition(petition=petition, handler=people["other_handler"], actor=people["leader"])

    def test_handlers_are_those_of_the_handling_unit_and_its_sub_units_only(self, accepted, people, units, client):
        """The ward's assign list offers its own handlers and leaders and those of a unit under it, never the
        province's vice-chairman; the service refuses an official of a unit above, and the sub-unit's handler,
        once assigned, can open and resolve the petition."""
        from petitions.forms import handlers_for
        from tests.factories import UnitFactory, UserFactory

        petition = accepted()
        vice_chairman = UserFactory(full_name="Lò Văn Hưng", roles=[Role.LEADER], units=[units["province"]])
        office = UnitFactory(
            name="Văn phòng UBND phường Tân Phong", kind=UnitKind.DEPARTMENT, parent=units["committee"]
        )
        clerk = UserFactory(full_name="Tòng Văn Nam", roles=[Role.HANDLER], units=[office])
        offered = set(handlers_for(petition))
        assert offered == {people["handler"], people["colleague"], people["leader"], clerk}
        assert vice_chairman not in offered and people["officer"] not in offered
        with pytest.raises(DomainError, match="UBND phường Tân Phong"):
            services.assign_petition(petition=petition, handler=vice_chairman, actor=people["leader"])
        assert Petition.objects.get(pk=petition.pk).handler is None
        services.assign_petition(petition=petition, handler=clerk, actor=people["leader"])
        client.force_login(clerk)
        assert client.get(f"/petitions/{petition.pk}/").status_code == 200
        services.resolve_petition(
            petition=petition, actor=clerk, decided_on=date(2026, 3, 2), number="46/QĐ-UBND", outcome=Outcome.PARTLY
        )
        # Handling it gives no leader's powers: the deadline is still extended by the unit's leaders only.
        from petitions import permissions

        assert not permissions.can_extend_petition(clerk, petition)

    def test_verification_notes_and_resolution(self, accepted, people):
        petition = accepted()
        services.assign_petition(petition=petition, handler=people["handler"], actor=people["leader"])
        services.start_verification(petition=petition, actor=people["handler"])
        services.add_petition_note(petition=petition, actor=people["handler"], note="Đã làm việc với hộ gia đình.")
        with pytest.raises(PermissionDenied):
            services.start_verification(petition=petition, actor=people["colleague"])
        services.resolve_petition(
            petition=petition, actor=people["handler"], decided_on=date(2026, 3, 2), number="45/QĐ-UBND",
            signer="Đỗ Văn Long", outcome=Outcome.PARTLY,
        )  # fmt: skip
        petition.refresh_from_db()
        assert petition.status == Status.RESOLVED and petition.due_date is None
        resolution = petition.deadlines.get(stage=Stage.RESOLUTION)
        assert resolution.met_on == date(2026, 3, 2) and resolution.met_on <= resolution.due_date
        public = list(petition.events.filter(is_public=True).values_list("kind", flat=True))
        assert EventKind.NOTE not in public and EventKind.RESOLVED in public
        assert "45/QĐ-UBND" in petition.events.last().note

    def test_resolution_needs_what_the_kind_requires(self, accepted, people):
        complaint = accepted()
        with pytest.raises(DomainError):
            services.resolve_petition(petition=complaint, actor=people["leader"], decided_on=date(2026, 3, 2))
        feedback = accepted(kind=Kind.FEEDBACK)
        with pytest.raises(DomainError):
            services.resolve_petition(petition=feedback, actor=people["leader"], decided_on=date(2026, 3, 2))
        services.resolve_petition(
            petition=feedback, actor=people["leader"], decided_on=date(2026, 3, 2), text="Đã sửa đèn đường tổ 5."
        )
        assert Petition.objects.get(pk=feedback.pk).status == Status.RESOLVED

    def test_a_decision_cannot_predate_acceptance(self, accepted, people):
        petition = accepted(accepted_on=date(2026, 2, 20))
        with pytest.raises(DomainError, match="thụ lý"):
            services.resolve_petition(
                petition=petition, actor=people["leader"], decided_on=date(2026, 2, 19), number="1/QĐ",
                outcome=Outcome.JUSTIFIED,
            )  # fmt: skip

    def test_extensions_within_the_rules_limits(self, accepted, people):
        denunciation = accepted(kind=Kind.DENUNCIATION, accepted_on=date(2026, 2, 10))
        assert denunciation.due_date == date(2026, 3, 12)
        with pytest.raises(PermissionDenied):
            services.extend_petition_deadline(
                petition=denunciation, actor=people["handler"], complexity=Complexity.COMPLEX, number="1",
                decided_on=date(2026, 3, 1), reason="Phức tạp",
            )  # fmt: skip
        services.extend_petition_deadline(
            petition=denunciation, actor=people["leader"], complexity=Complexity.COMPLEX, number="20/QĐ-UBND",
            decided_on=date(2026, 3, 1), reason="Nhiều nội dung cần xác minh",
        )  # fmt: skip
        denunciation.refresh_from_db()
        assert denunciation.due_date == date(2026, 4, 13)  # 60 days: Saturday 11/4 rolls to Monday 13/4
        services.extend_petition_deadline(
            petition=denunciation, actor=people["leader"], complexity=Complexity.VERY_COMPLEX, number="25/QĐ-UBND",
            decided_on=date(2026, 3, 2), reason="Đặc biệt phức tạp",
        )  # fmt: skip
        denunciation.refresh_from_db()
        assert denunciation.due_date == date(2026, 5, 11)  # 90 days: 11/5
        history = PetitionDeadline.objects.filter(petition=denunciation, stage=Stage.RESOLUTION)
        assert [d.is_current for d in history] == [False, False, True]
        assert {d.start_date for d in history} == {date(2026, 2, 10)}
        with pytest.raises(DomainError):
            services.extend_petition_deadline(
                petition=denunciation, actor=people["leader"], complexity=Complexity.VERY_COMPLEX, number="3",
                decided_on=date(2026, 3, 2), reason="Lần ba",
            )  # fmt: skip

    def test_a_complaint_has_no_particularly_complex_extension(self, accepted, people):
        complaint = accepted()
        with pytest.raises(DomainError):
            services.extend_petition_deadline(
                petition=complaint, actor=people["leader"], complexity=Complexity.VERY_COMPLEX, number="1",
                decided_on=date(2026, 3, 1), reason="x",
            )  # fmt: skip
        services.extend_petition_deadline(
            petition=complaint, actor=people["leader"], complexity=Complexity.COMPLEX, number="2",
            decided_on=date(2026, 3, 1), reason="Phức tạp",
        )  # fmt: skip
        complaint.refresh_from_db()
        assert complaint.due_date == date(2026, 3, 27)  # 45 days after 10/2

    def test_full_and_partial_withdrawal(self, accepted, people):
        petition = accepted()
        with pytest.raises(DomainError, match="1/7/2026"):
            services.withdraw_petition(
                petition=petition, actor=people["leader"], withdrawn_on=date(2026, 3, 1), partial=True, note="Một phần"
            )
        services.withdraw_petition(petition=petition, actor=people["leader"], withdrawn_on=date(2026, 3, 1))
        petition.refresh_from_db()
        assert petition.status == Status.WITHDRAWN and petition.due_date is None

    @time_machine.travel("2026-08-10 09:00 +0700")
    def test_partial_withdrawal_after_the_amendment_keeps_the_case_open(self, make_petition, people):
        petition = make_petition(received=date(2026, 7, 20))
        services.withdraw_petition(
            petition=petition, actor=people["handler"], withdrawn_on=date(2026, 8, 3), partial=True,
            note="Rút nội dung khiếu nại về tiền hỗ trợ di chuyển",
        )  # fmt: skip
        petition.refresh_from_db()
        assert petition.status == Status.RECEIVED
        assert petition.events.last().kind == EventKind.PARTLY_WITHDRAWN

    def test_terminate_and_close(self, accepted, people):
        petition = accepted()
        services.terminate_petition(
            petition=petition, actor=people["leader"], decided_on=date(2026, 3, 2), number="30/QĐ-ĐC",
            reason="Người khiếu nại đã chết, không có người thừa kế quyền, nghĩa vụ.",
        )  # fmt: skip
        services.close_petition(petition=petition, actor=people["leader"])
        petition.refresh_from_db()
        assert petition.status == Status.CLOSED
        assert events(petition)[-2:] == [EventKind.TERMINATED, EventKind.CLOSED]

    def test_illegal_transitions_are_refused(self, make_petition, accepted, people):
        received = make_petition()
        with pytest.raises(TransitionError):
            services.resolve_petition(
                petition=received, actor=people["leader"], decided_on=date(2026, 3, 2), number="1",
                outcome=Outcome.JUSTIFIED,
            )  # fmt: skip
        with pytest.raises(TransitionError):
            services.close_petition(petition=received, actor=people["leader"])
        petition = accepted()
        with pytest.raises(TransitionError):
            services.transfer_petition(petition=petition, actor=people["leader"], note="", to_name="Sở Tư pháp")
        with pytest.raises(TransitionError):
            services.classify_petition(petition=petition, actor=people["leader"])
        assert Petition.objects.get(pk=petition.pk).status == Status.ACCEPTED

    def test_officials_of_another_unit_can_do_nothing(self, accepted, people):
        petition = accepted()
        stranger = people["stranger"]
        for call in (
            lambda: services.classify_petition(petition=petition, actor=stranger),
            lambda: services.assign_petition(petition=petition, handler=stranger, actor=stranger),
            lambda: services.add_petition_note(petition=petition, actor=stranger, note="x"),
            lambda: services.close_petition(petition=petition, actor=stranger),
        ):
            with pytest.raises(PermissionDenied):
                call()

    def test_a_denunciation_is_extended_one_step_at_a_time_and_before_its_deadline(self, make_petition, people):
        petition = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 1, 5))
        services.accept_petition(petition=petition, actor=people["handler"], accepted_date=date(2026, 1, 12))
        petition.refresh_from_db()
        with pytest.raises(DomainError, match="từng bước"):
            services.extend_petition_deadline(
                petition=petition, actor=people["leader"], complexity=Complexity.VERY_COMPLEX, number="1",
                decided_on=date(2026, 2, 1), reason="x",
            )  # fmt: skip
        with pytest.raises(DomainError, match="trước khi"):
            services.extend_petition_deadline(
                petition=petition, actor=people["leader"], complexity=Complexity.COMPLEX, number="1",
                decided_on=date(2026, 2, 20), reason="x",
            )  # fmt: skip


class TestEditing:
    def test_an_edit_records_what_changed(self, make_petition, people):
        petition = make_petition()
        data = {"summary": "Khiếu nại về tiền bồi thường", "people_count": 6, "received_date": petition.received_date}
        updated = services.update_petition(
            petition=petition, actor=people["officer"], version=petition.version, data=data,
            petitioners=[{**PERSON, "id": petition.petitioners.get().pk, "phone": "0987654321"}],
        )  # fmt: skip
        assert updated.version == petition.version + 1
        assert updated.is_group
        assert updated.petitioners.get().phone == "0987654321"
        assert "tien boi thuong" in updated.search_text
        edit = updated.events.last()
        assert edit.kind == EventKind.EDITED and not edit.is_public

    def test_a_stale_version_is_refused_and_nothing_is_saved(self, make_petition, people):
        petition = make_petition()
        stale = petition.version
        services.update_petition(
            petition=petition, actor=people["handler"], version=stale,
            data={"summary": "Lần sửa thứ nhất", "received_date": petition.received_date}, petitioners=[PERSON],
        )  # fmt: skip
        with pytest.raises(ConcurrentEditError):
            services.update_petition(
                petition=petition, actor=people["officer"], version=stale,
                data={"summary": "Lần sửa thứ hai", "received_date": petition.received_date}, petitioners=[PERSON],
            )  # fmt: skip
        assert Petition.objects.get(pk=petition.pk).summary == "Lần sửa thứ nhất"

    def test_correcting_the_received_date_reissues_the_first_deadline(self, make_petition, people):
        petition = make_petition(kind=Kind.RECOMMENDATION, received=date(2026, 2, 13))
        assert petition.due_date == date(2026, 3, 6)
        updated = services.update_petition(
            petition=petition, actor=people["officer"], version=petition.version,
            data={"received_date": date(2026, 2, 23)}, petitioners=[PERSON],
        )  # fmt: skip
        assert updated.due_date == date(2026, 3, 9)
        assert updated.deadlines.filter(is_current=True).count() == 1


class TestSavedFilters:
    def test_a_filter_is_saved_under_its_name_and_the_same_name_replaces_it(self, people):
        first = services.save_filter(actor=people["handler"], name="Đất đai", query="q=dat+dai&page=2")
        assert (first.user, first.name, first.query) == (people["handler"], "Đất đai", "q=dat+dai")
        again = services.save_filter(actor=people["handler"], name=" Đất đai ", query="q=dat+dai&overdue=true")
        assert again.pk == first.pk and again.query == "q=dat+dai&overdue=true"
        services.save_filter(actor=people["colleague"], name="Đất đai", query="q=dat")
        assert SavedFilter.objects.count() == 2

    def test_a_filter_needs_a_name_and_only_its_owner_deletes_it(self, people):
        with pytest.raises(DomainError):
            services.save_filter(actor=people["handler"], name="  ", query="q=x")
        saved = services.save_filter(actor=people["handler"], name="Của tôi", query="mine=true")
        with pytest.raises(PermissionDenied):
            services.delete_saved_filter(saved_filter=saved, actor=people["colleague"])
        services.delete_saved_filter(saved_filter=saved, actor=people["handler"])
        assert not SavedFilter.objects.exists()
