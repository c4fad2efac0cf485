"""The register's search and filters: what the folded search text covers, "my petitions", sorting."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps

from danvan.accounts.roles import Role
from danvan.orgunits.services import update_unit
from petitions import selectors, services
from petitions.filters import PetitionFilter
from petitions.models import Category, Kind, Petition
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-03-02 09:00 +0700", tick=False)


@pytest.fixture
def permit(make_petition):
    """A land petition whose own words never say "đất đai"."""
    return make_petition(
        summary="Xin cấp giấy phép xây dựng nhà ở", content="Đề nghị xem xét hồ sơ đã nộp.", respondent=""
    )


def found(user, text):
    return list(selectors.search(selectors.petition_list(user), text))


def test_the_field_the_kind_and_the_handling_unit_are_searched(permit, people):
    leader = people["leader"]
    assert found(leader, "dat dai") == [permit]  # its field, "Đất đai"
    assert found(leader, "khieu nai lan dau") == [permit]  # its kind, "Khiếu nại lần đầu"
    assert found(leader, "tan phong") == [permit]  # its handling unit, "UBND phường Tân Phong"
    assert found(leader, "binh lu") == []


def test_renaming_the_field_or_the_unit_refreshes_the_search(permit, people, units):
    field = Category.objects.get(name="Đất đai")
    field.name = "Đất đai, địa giới hành chính"
    field.save()
    assert found(people["leader"], "dia gioi") == [permit]
    update_unit(unit=units["committee"], name="UBND phường Đông Phong")
    assert found(people["leader"], "dong phong") == [permit]
    assert found(people["leader"], "tan phong") == []


def test_the_data_migration_recomputes_the_search_text_of_existing_rows(permit, people):
    Petition.objects.update(search_text="xin cap giay phep xay dung nha o")  # as stored before
    assert found(people["leader"], "dat dai") == []
    import_module("petitions.migrations.0008_search_text_field_kind_unit").refresh_search_text(apps, None)
    assert found(people["leader"], "dat dai") == [permit]
    permit.refresh_from_db()
    assert "nguyen van an" in permit.search_text  # the petitioner's name, as before


def test_a_sealed_denouncer_stays_unsearchable_after_the_migration(make_petition, people):
    make_petition(kind=Kind.DENUNCIATION)
    import_module("petitions.migrations.0008_search_text_field_kind_unit").refresh_search_text(apps, None)
    assert found(people["leader"], "nguyen van an") == []
    assert found(people["leader"], "to cao") != []


def filtered(user, **params):
    return list(PetitionFilter(params, queryset=selectors.petition_list(user), user=user).qs)


def test_my_petitions_are_those_assigned_to_me(make_petition, people):
    mine = make_petition(summary="Đơn của tôi")
    services.assign_petition(petition=mine, handler=people["handler"], actor=people["leader"])
    theirs = make_petition(summary="Đơn của đồng nghiệp")
    services.assign_petition(petition=theirs, handler=people["colleague"], actor=people["leader"])
    make_petition(summary="Đơn chưa giao")
    assert filtered(people["handler"], mine="true") == [mine]
    assert filtered(people["leader"], mine="true") == []
    assert len(filtered(people["handler"])) == 3


@pytest.fixture
def province_leader(units):
    return UserFactory(roles=[Role.LEADER], units=[units["province"]])


def test_the_register_sorts_by_each_column(make_petition, people, units, province_leader):
    a = make_petition(kind=Kind.FEEDBACK, received=date(2026, 2, 25), summary="A")
    # An accepted denunciation: its acceptance notice (27/2) is due before any other deadline here.
    b = make_petition(kind=Kind.DENUNCIATION, received=date(2026, 2, 13), summary="B")
    services.accept_petition(petition=b, actor=people["leader"], accepted_date=date(2026, 2, 20))
    c = make_petition(kind=Kind.COMPLAINT_FIRST, received=date(2026, 2, 27), summary="C")
    services.transfer_petition(petition=c, actor=people["leader"], note="", to_unit=units["other"])
    moved = Petition.objects.get(transferred_from=c)  # received by Bình Lư today
    leader = province_leader
    assert filtered(leader, order="code") == [a, b, c, moved]
    assert filtered(leader, order="-code") == [moved, c, b, a]
    assert filtered(leader, order="received") == [b, a, c, moved]
    by_deadline = filtered(leader, order="deadline")
    assert by_deadline[0] == b and by_deadline[-1] == c  # the most urgent obligation; none (transferred) last
    assert filtered(leader, order="-deadline")[-1] == c  # still last when reversed
    assert [p.status for p in filtered(leader, order="status")] == ["received", "received", "accepted", "transferred"]
    assert filtered(leader, order="unit")[-1] == moved and filtered(leader, order="-unit")[0] == moved
