from .boards import BoardCreateView, BoardListView, add_member, board
from .consultations import (
    ConsultationCreateView,
    ConsultationListView,
    cancel_consultation,
    conclude_consultation,
    consultation,
    open_consultation,
)
from .disclosures import DisclosureCreateView, DisclosureListView
from .public import PublicAnswerListView, PublicDisclosureListView
from .publications import PublicationListView, publication, publish_answer, publish_result, withdraw

__all__ = [
    "BoardCreateView",
    "BoardListView",
    "ConsultationCreateView",
    "ConsultationListView",
    "DisclosureCreateView",
    "DisclosureListView",
    "PublicAnswerListView",
    "PublicDisclosureListView",
    "PublicationListView",
    "add_member",
    "board",
    "cancel_consultation",
    "conclude_consultation",
    "consultation",
    "open_consultation",
    "publication",
    "publish_answer",
    "publish_result",
    "withdraw",
]
