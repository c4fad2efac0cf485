"""Reads of petitions, always starting from what the user may see."""

import secrets
from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.orgunits.selectors import units_visible_to
from danvan.text import fold

from . import permissions
from .models import DecisionKind, IdentityAccess, Petition, Petitioner, PetitionPolicy, SatisfactionRating
from .workflow import OPEN_STATUSES, Status

SEALED = "***"


def petitions_visible_to(user):
    """Petitions handled by the user's units and their sub-units."""
    return Petition.objects.filter(handling_unit__in=units_visible_to(user))


def petition_list(user):
    """The scoped register with what a list row shows, in a fixed number of queries."""
    return (
        petitions_visible_to(user)
        .select_related("category", "handling_unit", "handler", "deadline")
        .prefetch_related(Prefetch("petitioners", queryset=Petitioner.objects.order_by("order", "pk")))
    )


DETAIL_RELATED = (
    "category",
    "handling_unit",
    "receiving_unit",
    "handler",
    "created_by",
    "deadline__rule",
    "duplicate_of",
    "transferred_from",
    "first_instance",
)


def petition_detail(user):
    return petitions_visible_to(user).select_related(*DETAIL_RELATED)


def petitions_readable_by(user):
    """Petitions the user may open: their units' ones, and those they were told of by an escalation notice."""
    return Petition.objects.filter(permissions.readable_by(user))


def petition_page(user):
    """The petition page's row for anyone who may open it, readers included (they only read)."""
    return petitions_readable_by(user).select_related(*DETAIL_RELATED)


def search(queryset, text):
    """Every word of `text` must appear, accents and case ignored ("dat dai" finds "Đất đai")."""
    for word in fold(text).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def overdue(queryset, today=None):
    today = today or timezone.localdate()
    return queryset.filter(status__in=OPEN_STATUSES, due_date__lt=today)


def due_within(queryset, days, today=None):
    today = today or timezone.localdate()
    return queryset.filter(status__in=OPEN_STATUSES, due_date__gte=today, due_date__lte=today + timedelta(days=days))


def timeline(petition):
    """The petition's whole timeline, public and internal lines, for officials."""
    return petition.events.select_related("actor", "related_petition")


class PersonView:
    """A petitioner as this user may see them: sealed fields replaced."""

    def __init__(self, person, sealed):
        self.sealed = sealed
        self.is_representative = person.is_representative
        if sealed:
            self.full_name = _("Identity sealed")
            self.citizen_id = self.phone = self.address = self.place = SEALED
        else:
            self.full_name = person.full_name
            self.citizen_id = person.citizen_id
            self.phone = person.phone
            self.address = person.address
            self.place = person.place


def people_for(user, petition, *, reveal=False):
    """The petitioners as `user` may see them; a sealed identity only when revealed and allowed."""
    sealed = petition.is_sealed and not (reveal and permissions.can_see_identity(user, petition))
    return [PersonView(person, sealed) for person in petition.petitioners.all()]


def list_name(petition):
    """The name shown in lists and exports, where sealed identities are always redacted."""
    if petition.is_anonymous:
        return _("Anonymous")
    if petition.is_sealed:
        return _("Identity sealed")
    people = list(petition.petitioners.all())
    if not people:
        return ""
    first = people[0].full_name
    if len(people) > 1:
        return _("%(name)s and %(count)d others") % {"name": first, "count": len(people) - 1}
    return first


def likely_duplicates(user, *, citizen_ids=(), summary="", exclude=None, limit=10):
    """Recent petitions that may be the same matter: same citizen ID, or a summary sharing most words.

    Matching on a sealed identity only happens for users allowed to see it,
    so the suggestion cannot reveal who denounced whom.
    """
    since = timezone.localdate() - timedelta(days=PetitionPolicy.current().duplicate_lookback_days)
    recent = petition_list(user).filter(received_date__gte=since).exclude(status=Status.DUPLICATE)
    if exclude is not None:
        recent = recent.exclude(pk=exclude.pk)
    found = {}
    ids = [c for c in citizen_ids if c]
    if ids:
        for petition in recent.filter(petitioners__citizen_id__in=ids).distinct()[:limit]:
            if permissions.can_see_identity(user, petition):
                found[petition.pk] = (petition, _("same citizen ID number"))
    words = {w for w in fold(summary).split() if len(w) > 2}
    if words:
        longest = max(words, key=len)
        for petition in recent.filter(search_text__contains=longest)[:200]:
            theirs = {w for w in fold(petition.summary).split() if len(w) > 2}
            if theirs and len(words & theirs) / len(words | theirs) >= 0.5 and petition.pk not in found:
                found[petition.pk] = (petition, _("similar content"))
    return list(found.values())[:limit]


def identity_accesses_visible_to(user):
    """The unsealing log of the petitions the user's units handle."""
    return IdentityAccess.objects.filter(petition__in=petitions_visible_to(user)).select_related(
        "user", "petition", "petition__handling_unit"
    )


def normalise_key(key):
    """What the citizen typed ("abcde-fghjk") in the stored form ("ABCDEFGHJK")."""
    return "".join(ch for ch in (key or "").upper() if ch.isalnum())


def public_lookup(code, key):
    """The petition with this code, if the key matches; None otherwise, in constant time."""
    petition = Petition.objects.select_related("handling_unit").filter(code=(code or "").strip().upper()).first()
    # Compare against something even when the code is unknown, so timing says nothing.
    stored = petition.lookup_key if petition else "X" * 10
    if secrets.compare_digest(stored.encode(), normalise_key(key).encode()) and petition is not None:
        return petition
    return None


def public_status(petition):
    """What a citizen may see: the public timeline, the final answer and whether it was rated; nothing personal."""
    decisions = [d for d in petition.decisions.all() if d.kind in (DecisionKind.RESOLUTION, DecisionKind.NOT_ACCEPTED)]
    return {
        "events": list(petition.events.filter(is_public=True).only("kind", "created_at", "note")),
        "answer": decisions[-1] if decisions else None,
        "rated": SatisfactionRating.objects.filter(petition=petition).exists(),
    }


def upload_limit_mb():
    """The largest attachment accepted (MB), from the petition policy administrators set."""
    return PetitionPolicy.current().max_attachment_mb
