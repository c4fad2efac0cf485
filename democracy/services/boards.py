"""People's Inspection Boards and community investment supervision boards, their members and terms.

A board is a unit of the tree (under its commune's Fatherland Front committee) of a supervising kind,
so its supervisions and recommendations go through the supervision app like the council's and the Front's.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.orgunits.models import UnitKind, UnitLevel
from danvan.orgunits.services import create_unit
from danvan.text import short_date
from danvan.workflow import DomainError, require, required_text

from .. import permissions
from ..models import Board, BoardKind, BoardMember, BoardRole


@transaction.atomic
def establish_board(*, actor, front, kind, name, term_from, term_to=None, decision="", project=""):
    """Record a board of the commune whose Fatherland Front committee is `front`, as a supervising body."""
    require(permissions.can_manage_board(actor, front))
    if front.kind != UnitKind.FATHERLAND_FRONT or front.level != UnitLevel.COMMUNE:
        raise DomainError(_("A board is set up under a commune's Fatherland Front committee."))
    if kind not in BoardKind.values:
        raise DomainError(_("Choose the kind of board."))
    if term_to is not None and term_to < term_from:
        raise DomainError(_("The term cannot end before it starts."))
    name = required_text(name, _("Write the board's name."))
    if front.children.filter(name=name).exists():
        raise DomainError(_("The Front committee already has a board of this name."))
    unit = create_unit(name=name, kind=kind, level=UnitLevel.COMMUNE, parent=front, valid_from=term_from, actor=actor)
    board = Board.objects.create(
        unit=unit,
        kind=kind,
        front=front,
        decision=decision.strip(),
        project=project.strip(),
        term_from=term_from,
        term_to=term_to,
    )
    record_change(
        board, actor=actor, kind=ChangeKind.CREATED, note=_("Term from %(date)s") % {"date": short_date(term_from)}
    )
    return board


@transaction.atomic
def add_board_member(*, board, actor, full_name, role, term_from, village="", term_to=None):
    """Add a member for a term; a board has one current head."""
    board = Board.objects.select_for_update().get(pk=board.pk)
    require(permissions.can_manage_board(actor, board.front))
    if role not in BoardRole.values:
        raise DomainError(_("Choose the member's role."))
    if term_to is not None and term_to < term_from:
        raise DomainError(_("The term cannot end before it starts."))
    current = board.members.filter(term_to__isnull=True)
    if role == BoardRole.HEAD and term_to is None and current.filter(role=BoardRole.HEAD).exists():
        raise DomainError(_("The board already has a head; end the current head's term first."))
    member = BoardMember.objects.create(
        board=board,
        full_name=required_text(full_name, _("Write the member's full name.")),
        role=role,
        village=village.strip(),
        term_from=term_from,
        term_to=term_to,
    )
    record_change(
        board,
        actor=actor,
        kind=ChangeKind.ADDED,
        note=_("%(role)s: %(name)s") % {"role": member.get_role_display(), "name": member.full_name},
    )
    return member
