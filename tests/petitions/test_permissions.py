"""Who may open and act on a petition: the unit scope, readers told by an escalation notice, and
the receiving unit's reception officers at classification."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.accounts.roles import Role
from danvan.orgunits.models import UnitKind, UnitLevel
from petitions import permissions, services
from petitions.models import IdentityAccess, Kind, PetitionReader, ReaderViewing
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


@pytest.fixture
def inspector(units):
    """A member of the province's inspectorate: a sister body of the province's People's Committee."""
    committee = UnitFactory(
        name="UBND tỉnh Lai Châu", kind=UnitKind.PEOPLE_COMMITTEE, level=UnitLevel.PROVINCE, parent=units["province"]
    )
    inspectorate = UnitFactory(
        name="Thanh tra tỉnh Lai Châu", kind=UnitKind.INSPECTORATE, level=UnitLevel.PROVINCE, parent=committee
    )
    return UserFactory(full_name="Phạm Thanh Tra", roles=[Role.HANDLER, Role.LEADER], units=[inspectorate])


@pytest.fixture
def escalated(make_petition, people, inspector):
    """A denunciation with a file, overdue and reported at level 3 to the inspectorate."""
    scan = SimpleUploadedFile("to-cao.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    petition = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 2, 6))
    services.add_attachments(petition=petition, files=[scan], actor=people["officer"])
    services.escalate_petition(
        petition=petition, deadline=petition.deadline, level=3, recipients_label="Thanh tra tỉnh",
        readers=[inspector, people["leader"]],
    )  # fmt: skip
    return petition


class TestReaders:
    def test_only_those_outside_the_units_become_readers(self, escalated, inspector, people):
        assert list(PetitionReader.objects.values_list("user", "level")) == [(inspector.pk, 3)]
        assert permissions.can_read_petition(inspector, escalated)
        assert not permissions.can_view_petition(inspector, escalated)
        assert not permissions.can_see_identity(inspector, escalated)
        assert not permissions.can_read_petition(people["stranger"], escalated)

    def test_a_reader_opens_the_page_sealed_and_each_opening_is_logged(self, client, escalated, inspector):
        client.force_login(inspector)
        url = reverse("petitions:detail", args=[escalated.pk])
        for _ in range(2):
            response = client.get(url)
            html = response.content.decode()
            assert response.status_code == 200
            assert escalated.code in html and "Danh tính được bảo mật" in html
            assert "Nguyễn Văn An" not in html and "012345678901" not in html and "0912345678" not in html
            assert 'data-testid="reader-notice"' in html
            assert "Bước xử lý tiếp theo" not in html and reverse("petitions:receipt", args=[escalated.pk]) not in html
        assert list(ReaderViewing.objects.values_list("user", "petition")) == [(inspector.pk, escalated.pk)] * 2
        assert client.get(url + "?reveal=1").status_code == 403
        assert not IdentityAccess.objects.exists()

    def test_a_reader_takes_no_step_and_gets_no_file_receipt_or_form(self, client, escalated, inspector):
        client.force_login(inspector)
        attachment = escalated.attachments.get()
        assert client.get(reverse("petitions:attachment", args=[escalated.pk, attachment.pk])).status_code == 404
        for name in ("edit", "receipt"):
            assert client.get(reverse(f"petitions:{name}", args=[escalated.pk])).status_code == 404, name
        assert client.get(reverse("petitions:deadlines", args=[escalated.pk])).status_code == 200
        for step in ("classify", "note", "assign"):
            assert client.post(reverse("petitions:step", args=[escalated.pk, step]), {}).status_code == 404, step
        assert escalated.code not in client.get(reverse("petitions:list")).content.decode()
        assert escalated.events.count() == 3  # received, file attached, escalated: nothing added by the reader

    def test_the_units_own_officials_are_not_logged_as_readers(self, client, escalated, people):
        client.force_login(people["leader"])
        assert client.get(reverse("petitions:detail", args=[escalated.pk])).status_code == 200
        assert not ReaderViewing.objects.exists()


class TestReceivingOfficers:
    """Ban Tiếp công dân staff classify, transfer or guide what their unit received."""

    def test_the_receiving_units_officer_classifies_transfers_and_guides(self, make_petition, people, units):
        officer = people["officer"]
        classified = make_petition()
        services.classify_petition(petition=classified, actor=officer)
        transferred = make_petition()
        services.transfer_petition(petition=transferred, actor=officer, note="", to_unit=units["other"])
        guided = make_petition()
        services.guide_petition(petition=guided, actor=officer, note="Hướng dẫn gửi Tòa án nhân dân khu vực.")
        statuses = [type(p).objects.get(pk=p.pk).status for p in (classified, transferred, guided)]
        assert statuses == ["classified", "transferred", "guided"]

    def test_but_decides_no_acceptance_and_nothing_once_classified(self, make_petition, people):
        officer = people["officer"]
        petition = make_petition()
        with pytest.raises(PermissionDenied):
            services.accept_petition(petition=petition, actor=officer, accepted_date=date(2026, 3, 2))
        with pytest.raises(PermissionDenied):
            services.refuse_petition(
                petition=petition, actor=officer, reason="Hết thời hiệu", decided_on=date(2026, 3, 2)
            )
        services.classify_petition(petition=petition, actor=people["handler"])
        assert not permissions.can_classify_petition(officer, type(petition).objects.get(pk=petition.pk))

    def test_an_officer_of_another_unit_cannot(self, make_petition, units):
        petition = make_petition()
        stranger = UserFactory(roles=[Role.RECEPTION_OFFICER], units=[units["other"]])
        assert not permissions.can_classify_petition(stranger, petition)
        for call in (
            lambda: services.classify_petition(petition=petition, actor=stranger),
            lambda: services.guide_petition(petition=petition, actor=stranger, note="x"),
            lambda: services.transfer_petition(petition=petition, actor=stranger, note="", to_name="Tòa án"),
        ):
            with pytest.raises(PermissionDenied):
                call()

    def test_the_officer_classifies_through_the_page(self, client, make_petition, people):
        petition = make_petition()
        client.force_login(people["officer"])
        page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
        assert 'id="step-classify"' in page and 'id="step-accept"' not in page
        response = client.post(reverse("petitions:step", args=[petition.pk, "classify"]), {})
        assert response.status_code == 302
        assert type(petition).objects.get(pk=petition.pk).status == "classified"
