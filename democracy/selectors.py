"""Reads of grassroots democracy records, scoped by the user's units; the public pages' reads hold no
personal data by construction (they read this app's public texts only)."""

from django.db.models import Count, Q
from django.utils import timezone

from danvan.orgunits.models import UnitKind, UnitLevel
from danvan.orgunits.selectors import units_visible_to
from petitions import selectors as petition_selectors
from petitions.models import ANSWERED_KINDS, DecisionKind
from supervision import selectors as supervision_selectors
from supervision.models import RecommendationKind
from supervision.workflow import RecommendationStatus

from .models import Board, BoardMember, Consultation, Disclosure, DisclosureContent, DisclosureForm, Publication
from .workflow import PublicationStatus

# A supervision recommendation has a result to publish once the addressed unit reported it done in part
# or in full, or the supervising body concluded it was not implemented.
RESULT_STATUSES = (
    RecommendationStatus.PARTLY,
    RecommendationStatus.IMPLEMENTED,
    RecommendationStatus.NOT_IMPLEMENTED,
)


def commune_committees(user):
    """The current commune People's Committees in the user's scope: who discloses and consults."""
    return (
        units_visible_to(user)
        .filter(kind=UnitKind.PEOPLE_COMMITTEE, level=UnitLevel.COMMUNE, valid_to__isnull=True)
        .order_by("name")
    )


def commune_fronts(user):
    """The current commune Fatherland Front committees in the user's scope: where boards are set up."""
    return (
        units_visible_to(user)
        .filter(kind=UnitKind.FATHERLAND_FRONT, level=UnitLevel.COMMUNE, valid_to__isnull=True)
        .order_by("name")
    )


def disclosure_contents():
    """The contents in use, in the law's order."""
    return DisclosureContent.objects.filter(is_active=True)


def disclosures_visible_to(user):
    return Disclosure.objects.filter(unit__in=units_visible_to(user)).select_related("unit", "content")


def public_disclosures(today=None):
    """Disclosures published on the portal whose period has begun: the citizens' page."""
    today = today or timezone.localdate()
    return (
        Disclosure.objects.filter(form=DisclosureForm.PORTAL, period_from__lte=today)
        .select_related("unit", "content")
        .order_by("-disclosed_on", "-pk")
    )


def public_disclosure_units():
    """The units with something on the public disclosure page, for its filter."""
    from danvan.orgunits.models import Unit

    return Unit.objects.filter(pk__in=Disclosure.objects.filter(form=DisclosureForm.PORTAL).values("unit")).order_by(
        "name"
    )


def publications_visible_to(user):
    """Publications by the user's units (or units below them), with what the list shows."""
    return Publication.objects.filter(unit__in=units_visible_to(user)).select_related("unit", "published_by")


def public_publications():
    """What the public answers page lists: published rows only, and of them only the public texts."""
    return (
        Publication.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("unit")
        .only("kind", "topic", "public_summary", "public_answer", "answered_on", "unit__name")
        .order_by("-answered_on", "-pk")
    )


def public_publication_units():
    from danvan.orgunits.models import Unit

    published = Publication.objects.filter(status=PublicationStatus.PUBLISHED).values("unit")
    return Unit.objects.filter(pk__in=published).order_by("name")


def _published(field):
    return Publication.objects.filter(status=PublicationStatus.PUBLISHED).values(field)


def answered_petitions(user):
    """Recommendations and feedback in the user's scope that were answered in writing and are not on the
    public pages: what an official may choose to publish (answered = the timeline holds the answer)."""
    return (
        petition_selectors.petitions_visible_to(user)
        .filter(petition_selectors.resolved_condition(), kind__in=ANSWERED_KINDS)
        .exclude(pk__in=_published("petition"))
        .select_related("category", "handling_unit")
        .order_by("-received_date", "-pk")
    )


def answer_of(petition):
    """The written answer recorded on the petition (the latest), or None."""
    return petition.decisions.filter(kind=DecisionKind.RESOLUTION).order_by("-date", "-pk").first()


def supervision_results(user):
    """Supervision recommendations in the user's scope with a result, not yet on the public pages."""
    return (
        supervision_selectors.recommendations_visible_to(user)
        .filter(kind=RecommendationKind.SUPERVISION, status__in=RESULT_STATUSES)
        .exclude(pk__in=_published("recommendation"))
        .order_by("-due_date", "-pk")
    )


def latest_update(recommendation):
    """The addressed unit's last progress report on it, or None."""
    return recommendation.updates.order_by("-recorded_at", "-pk").first()


def consultations_visible_to(user):
    return Consultation.objects.filter(unit__in=units_visible_to(user)).select_related("unit", "created_by")


def boards_visible_to(user):
    """Boards of the user's units (the Front committee or above), each with its number of members."""
    return (
        Board.objects.filter(unit__in=units_visible_to(user))
        .select_related("unit", "front")
        .annotate(member_count=Count("members", filter=Q(members__term_to__isnull=True)))
    )


def board_members(board):
    """The board's members, current ones first, the head before deputies before members."""
    rank = {"head": 0, "deputy": 1, "member": 2}
    members = list(BoardMember.objects.filter(board=board))
    return sorted(members, key=lambda m: (m.term_to is not None, rank.get(m.role, 3), m.full_name))


def board_recommendations(user, board):
    """The board's recommendations as the supervision app follows them up, in the user's scope."""
    return supervision_selectors.recommendations_visible_to(user).filter(body=board.unit).order_by("due_date", "pk")
