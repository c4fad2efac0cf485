"""People's Inspection Boards and community investment supervision boards: members, terms, and their
recommendations as the supervision app follows them up."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from danvan.accounts.roles import has_role
from danvan.history.selectors import history_of

from .. import permissions, selectors, services
from ..forms import BoardForm, BoardMemberForm
from ._common import PAGE_SIZE, run_step


def _can_establish(user):
    return has_role(user, *permissions.BOARD_KEEPERS) and selectors.commune_fronts(user).exists()


class BoardListView(ListView):
    template_name = "democracy/boards.html"
    context_object_name = "boards"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.boards_visible_to(self.request.user).order_by("front__name", "unit__name")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_establish=_can_establish(self.request.user), **kwargs)


class BoardCreateView(View):
    template_name = "democracy/board_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not _can_establish(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": BoardForm(fronts=selectors.commune_fronts(request.user))})

    def post(self, request):
        form = BoardForm(request.POST, fronts=selectors.commune_fronts(request.user))
        done = run_step(
            request,
            form,
            lambda **data: services.establish_board(actor=request.user, **data),
            _("The board is recorded; its supervisions are kept in the supervision programmes."),
            lambda item: ("democracy:board", item.pk),
        )
        return done or render(request, self.template_name, {"form": form}, status=400)


def _page(request, board, form=None, status=200):
    context = {
        "board": board,
        "members": selectors.board_members(board),
        "recommendations": selectors.board_recommendations(request.user, board),
        "history": history_of(board),
        "can_manage": permissions.can_manage_board(request.user, board.front),
        "form": form or BoardMemberForm(),
    }
    return render(request, "democracy/board.html", context, status=status)


@require_GET
def board(request, pk):
    return _page(request, permissions.get_visible_or_404(selectors.boards_visible_to(request.user), pk))


@require_POST
def add_member(request, pk):
    item = permissions.get_visible_or_404(selectors.boards_visible_to(request.user), pk)
    if not permissions.can_manage_board(request.user, item.front):
        raise PermissionDenied
    form = BoardMemberForm(request.POST)
    done = run_step(
        request,
        form,
        lambda **data: services.add_board_member(board=item, actor=request.user, **data),
        _("The member is added."),
        lambda member: ("democracy:board", item.pk),
    )
    return done or _page(request, item, form, status=400)
