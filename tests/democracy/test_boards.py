"""Boards are supervising bodies: their recommendations go through the supervision app's follow-up."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from danvan.accounts.models import User
from danvan.history.models import ChangeKind
from danvan.history.selectors import history_of
from danvan.orgunits.models import UnitKind
from danvan.workflow import DomainError
from democracy import services
from democracy.models import BoardKind, BoardRole
from supervision import selectors as supervision_selectors
from supervision import services as supervision_services
from supervision.workflow import RecommendationStatus

from .conftest import concluded_supervision

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(world):
    return services.establish_board(
        actor=world["front_officer"],
        front=world["front"],
        kind=BoardKind.PEOPLE_INSPECTION,
        name="Ban Thanh tra nhân dân phường Tân Phong",
        term_from=date(2024, 7, 1),
        decision="Quyết định số 05/QĐ-MTTQ",
    )


def test_a_board_is_a_supervising_unit_under_the_front_with_members(world, board):
    assert board.unit.kind == UnitKind.PEOPLE_INSPECTION_BOARD and board.unit.parent == world["front"]
    assert board.unit in supervision_selectors.supervising_bodies(world["front_officer"])
    officer = world["front_officer"]
    services.add_board_member(
        board=board, actor=officer, full_name="Lò Văn Khánh", role=BoardRole.HEAD, term_from=date(2024, 7, 1)
    )
    with pytest.raises(DomainError):  # one current head
        services.add_board_member(
            board=board, actor=officer, full_name="Tòng Văn Sơn", role=BoardRole.HEAD, term_from=date(2024, 7, 1)
        )
    services.add_board_member(
        board=board, actor=officer, full_name="Tòng Văn Sơn", role=BoardRole.MEMBER, term_from=date(2024, 7, 1)
    )
    assert [row.kind for row in history_of(board)] == [ChangeKind.CREATED, ChangeKind.ADDED, ChangeKind.ADDED]
    with pytest.raises(PermissionDenied):
        services.add_board_member(
            board=board, actor=world["stranger"], full_name="X", role=BoardRole.MEMBER, term_from=date(2024, 7, 1)
        )
    with pytest.raises(DomainError):  # a board hangs under a commune's Front committee, not a People's Committee
        services.establish_board(
            actor=world["leader"],
            front=world["committee"],
            kind=BoardKind.PEOPLE_INSPECTION,
            name="Ban khác",
            term_from=date(2024, 7, 1),
        )


def test_a_board_recommendation_is_followed_up_in_supervision(client, world, board):
    # A fresh user object, as each request has: the scope read before the board existed is cached on the old one.
    officer = User.objects.get(pk=world["front_officer"].pk)
    programme = supervision_services.create_programme(
        actor=officer, year=2026, body=board.unit, title="Chương trình kiểm tra, giám sát năm 2026"
    )
    supervision = concluded_supervision(programme, officer)
    recommendation = supervision_services.add_recommendation(
        supervision=supervision,
        actor=officer,
        addressed_to=world["committee"],
        text="Công khai danh sách hộ được hỗ trợ làm nhà tại nhà văn hóa các tổ.",
        due_date=date(2026, 4, 30),
    )
    assert recommendation.body == board.unit
    # The addressed People's Committee finds it in the supervision follow-up, and reports on it there.
    leader = world["leader"]
    assert recommendation in supervision_selectors.recommendations_visible_to(leader)
    client.force_login(leader)
    listing = client.get(reverse("supervision:recommendations")).content.decode()
    assert f'data-testid="recommendation-{recommendation.pk}"' in listing
    supervision_services.record_progress(
        recommendation=recommendation,
        actor=leader,
        text="Đã niêm yết danh sách tại 12 nhà văn hóa.",
        status=RecommendationStatus.IMPLEMENTED,
        percent=100,
    )
    # The board's page lists it with its status; the board's Front publishes the result.
    client.force_login(officer)
    page = client.get(reverse("democracy:board", args=[board.pk])).content.decode()
    assert f'data-testid="board-recommendation-{recommendation.pk}"' in page
    assert str(RecommendationStatus.IMPLEMENTED.label) in page or "Đã thực hiện" in page
    publication = services.publish_supervision_result(
        recommendation=recommendation,
        actor=officer,
        public_summary="Kiến nghị công khai danh sách hộ được hỗ trợ làm nhà",
        public_result="Đã niêm yết tại 12 nhà văn hóa.",
    )
    assert publication.unit == board.unit
    assert "Đã niêm yết tại 12 nhà văn hóa." in client.get(reverse("democracy:public_answers")).content.decode()


def test_a_board_is_out_of_scope_for_another_commune(client, world, board):
    client.force_login(world["stranger"])
    assert client.get(reverse("democracy:board", args=[board.pk])).status_code == 404
    assert client.post(reverse("democracy:add_member", args=[board.pk]), {}).status_code == 404
