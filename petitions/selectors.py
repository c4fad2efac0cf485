"""Reads of petitions, always starting from what the user may see."""

import re
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.orgunits.selectors import units_visible_to, visible_unit_ids
from danvan.text import fold

from . import permissions
from .models import (
    Channel,
    DecisionKind,
    EventKind,
    IdentityAccess,
    Kind,
    Petition,
    PetitionDeadline,
    Petitioner,
    PetitionEvent,
    PetitionPolicy,
    PetitionReader,
    ReaderViewing,
    SavedFilter,
    Stage,
)
from .workflow import OPEN_STATUSES, Status

SEALED = "***"


def petitions_visible_to(user):
    """Petitions handled by the user's units and their sub-units, and those the user handles."""
    return Petition.objects.filter(permissions.scope(user))


def running_deadlines():
    """Deadlines still running: the current, unmet one of each stage (the main deadline and side ones)."""
    return PetitionDeadline.objects.filter(is_current=True, met_on__isnull=True)


# Up to this many units, the register names the user's units by id (see listed_scope); a national body
# seeing more is scoped by the subquery, as everywhere else.
LISTED_UNITS_LIMIT = 2_000


def _listed_units(user):
    """units_visible_to(user) as a list of ids (read once per user, see visible_unit_ids), or as the
    subquery beyond LISTED_UNITS_LIMIT."""
    ids = visible_unit_ids(user)
    return units_visible_to(user) if len(ids) > LISTED_UNITS_LIMIT else sorted(ids)


def listed_scope(user):
    """permissions.scope with the units written out as ids.

    The same petitions; but with a list of ids the database can estimate how many petitions they hold,
    which it cannot for a subquery inside an OR: there it scans the whole table, whereas with ids it reads
    a small scope from the unit index and a large one in the register's order from the date index."""
    units = _listed_units(user)
    if not isinstance(units, list):
        return permissions.scope(user)
    units = Q(handling_unit_id__in=units)
    if not (user.is_authenticated and user.is_active):
        return units
    return units | Q(handler_id=user.pk)


def petition_list(user):
    """The scoped register with what a list row shows, in a fixed number of queries, and what its
    columns sort by: the most urgent open obligation's date (`urgent_due`) and the status in the
    order of handling (`status_rank`)."""
    urgent = running_deadlines().filter(petition=OuterRef("pk")).order_by("due_date").values("due_date")[:1]
    return (
        Petition.objects.filter(listed_scope(user))
        .select_related("category", "handling_unit", "handler", "deadline")
        .prefetch_related(
            Prefetch("petitioners", queryset=Petitioner.objects.order_by("order", "pk")),
            Prefetch("deadlines", queryset=running_deadlines(), to_attr="running_deadlines"),
        )
        .annotate(
            urgent_due=Case(When(status__in=OPEN_STATUSES, then=Subquery(urgent))),
            status_rank=Case(
                *[When(status=status, then=Value(rank)) for rank, status in enumerate(Status.values)],
                output_field=IntegerField(),
            ),
        )
    )


def handler_choices(user, *, selected=None):
    """The officials the register's handler filter offers: those who may be given petitions (active handlers
    and leaders, as permissions.can_be_assigned) in the units the user sees, read from the memberships and
    never from the petitions; and the `selected` one (a user id from the query) as long as they handle a
    petition the user sees, so a saved filter keeps working after its handler left the unit."""
    User = get_user_model()
    in_scope = Membership.objects.filter(user_id=OuterRef("pk"), unit__in=_listed_units(user))
    assignable = User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name__in=[Role.HANDLER, Role.LEADER])
    # EXISTS, not joins: a user with two memberships or both roles is still one choice, without a DISTINCT.
    offered = Q(Exists(in_scope), Exists(assignable), is_active=True)
    if isinstance(selected, str) and selected.isdigit():
        handles = petitions_visible_to(user).filter(handler_id=OuterRef("pk"))
        offered |= Q(Exists(handles), pk=int(selected))
    return User.objects.filter(offered).only("pk", "full_name", "username").order_by("full_name", "username")


def open_obligations(petition):
    """What the unit still owes on an open petition, most urgent first: its main deadline and side ones
    such as the acceptance notice. Lists prefetch them (`running_deadlines`); a page reads them once."""
    if petition.status not in OPEN_STATUSES:
        return []
    rows = getattr(petition, "running_deadlines", None)
    if rows is None:
        rows = petition.running_deadlines = list(running_deadlines().filter(petition=petition))
    return sorted(rows, key=lambda deadline: (deadline.due_date, deadline.pk))


def most_urgent_obligation(petition):
    """The open obligation due first, or None."""
    obligations = open_obligations(petition)
    return obligations[0] if obligations else None


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


def saved_filters_for(user):
    """The user's own saved filters of the register, by name."""
    return SavedFilter.objects.filter(user_id=user.pk)


def search(queryset, text):
    """Every word of `text` must appear, accents and case ignored ("dat dai" finds "Đất đai")."""
    for word in fold(text).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


# One definition of each condition the register, the leaders' digest and the dashboard count by. Each is a
# Q over Petition (EXISTS subqueries, so a grouped aggregate can count it in the same query).


def _running_deadline(**lookups):
    # An uncorrelated IN: the database reads the matching deadlines once (a hashed set) for a whole grouped
    # aggregate, instead of probing the deadlines once per petition, as a correlated EXISTS would.
    return Q(pk__in=running_deadlines().filter(**lookups).values("petition_id"))


def overdue_condition(today=None):
    """Overdue: still open and any of its open, current deadlines (the main one or a side one such as a
    denunciation's acceptance notice) is past, as the register's red deadline shows."""
    today = today or timezone.localdate()
    return Q(status__in=OPEN_STATUSES) & Q(_running_deadline(due_date__lt=today))


def escalated_condition(today=None):
    """Reported to a higher level: overdue by a deadline that the escalation ladder has reported."""
    today = today or timezone.localdate()
    return Q(status__in=OPEN_STATUSES) & Q(_running_deadline(due_date__lt=today, escalation_level__gte=1))


def due_within_condition(days, today=None):
    """Due soon: still open, not overdue, and its most urgent open deadline falls today or within `days` days."""
    today = today or timezone.localdate()
    soon = _running_deadline(due_date__gte=today, due_date__lte=today + timedelta(days=days))
    return Q(status__in=OPEN_STATUSES) & Q(soon) & ~Q(_running_deadline(due_date__lt=today))


def repeated_condition():
    """Repeated (tái diễn, trùng lặp; form 01/XLD): a duplicate of a petition already received, or a
    second-instance complaint, about a matter the first instance already handled."""
    return Q(status=Status.DUPLICATE) | Q(kind=Kind.COMPLAINT_SECOND)


def ended_in(status):
    """The petition's handling ended in `status` (its timeline holds the step), whether closed since or not."""
    return Q(Exists(PetitionEvent.objects.filter(petition=OuterRef("pk"), to_status=status)))


def resolved_condition():
    """Resolved (forms 01/KQGQ, 03/KQGQ): ended by a resolution decision or a written answer, closed since
    or not. A withdrawn or terminated case, closed later, is not resolved (Luật TC 2018 Art 33)."""
    return ended_in(Status.RESOLVED)


def overdue(queryset, today=None):
    return queryset.filter(overdue_condition(today))


def escalated(queryset, today=None):
    return queryset.filter(escalated_condition(today))


def due_within(queryset, days, today=None):
    return queryset.filter(due_within_condition(days, today))


def repeated(queryset):
    return queryset.filter(repeated_condition())


def resolved(queryset):
    return queryset.filter(resolved_condition())


def timeline(petition, user=None):
    """The petition's whole timeline, public and internal lines, for officials.

    With `user`, a line about another petition (transferred to or from) links to it only if the
    user may open it; otherwise its code is shown plain."""
    events = list(petition.events.select_related("actor", "related_petition"))
    if user is not None:
        for event in events:
            if event.related_petition_id and not permissions.can_view_petition(user, event.related_petition):
                event.link_hidden = True
    return events


class PersonView:
    """A petitioner as this user may see them: sealed fields replaced."""

    def __init__(self, person, sealed):
        self.sealed = sealed
        self.is_representative = person.is_representative
        if sealed:
            self.full_name = _("Identity sealed")
            self.citizen_id = self.phone = self.email = self.address = self.place = SEALED
        else:
            self.full_name = person.full_name
            self.citizen_id = person.citizen_id
            self.phone = person.phone
            self.email = person.email
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


def related_petitions(user, *, citizen_ids=(), summary="", exclude=None, limit=10):
    """Recent petitions that may be the same matter, and the same sender's other recent petitions, apart:
    (possible duplicates as (petition, why), other petitions of the same sender).

    A possible duplicate has a summary sharing most of its words, whoever sent it ("similar content", or
    "same sender, similar content"); the same citizen ID number alone only makes another petition of the
    same person, about anything. Matching on a sealed identity only happens for users allowed to see it,
    so the suggestion cannot reveal who denounced whom.
    """
    since = timezone.localdate() - timedelta(days=PetitionPolicy.current().duplicate_lookback_days)
    recent = petition_list(user).filter(received_date__gte=since).exclude(status=Status.DUPLICATE)
    if exclude is not None:
        recent = recent.exclude(pk=exclude.pk)
    same_sender = {}
    ids = [c for c in citizen_ids if c]
    if ids:
        for petition in recent.filter(petitioners__citizen_id__in=ids).distinct()[:limit]:
            if permissions.can_see_identity(user, petition):
                same_sender[petition.pk] = petition
    similar = {}
    words = {w for w in fold(summary).split() if len(w) > 2}
    if words:
        longest = max(words, key=len)
        for petition in recent.filter(search_text__contains=longest)[:200]:
            theirs = {w for w in fold(petition.summary).split() if len(w) > 2}
            if theirs and len(words & theirs) / len(words | theirs) >= 0.5:
                similar[petition.pk] = petition
    duplicates = [
        (petition, _("same sender, similar content") if pk in same_sender else _("similar content"))
        for pk, petition in similar.items()
    ]
    others = [petition for pk, petition in same_sender.items() if pk not in similar]
    return duplicates[:limit], others[:limit]


def identity_accesses_visible_to(user):
    """The unsealing log of the petitions the user's units handle."""
    return IdentityAccess.objects.filter(petition__in=petitions_visible_to(user)).select_related(
        "user", "petition", "petition__handling_unit"
    )


def reader_viewings_visible_to(user):
    """Openings of the petitions the user's units handle by officials outside them, told by an escalation."""
    return ReaderViewing.objects.filter(petition__in=petitions_visible_to(user)).select_related(
        "user", "petition", "petition__handling_unit"
    )


def readers_visible_to(user):
    """Who was told of the petitions the user's units handle and may therefore read them."""
    return PetitionReader.objects.filter(petition__in=petitions_visible_to(user)).select_related(
        "user", "petition", "petition__handling_unit"
    )


def normalise_key(key):
    """What the citizen typed ("abcde-fghjk") in the stored form ("ABCDEFGHJK")."""
    return "".join(ch for ch in (key or "").upper() if ch.isalnum())


# Codes are made as DT-<year>-<number, 6 digits at least> (services.intake._create).
TYPED_CODE = re.compile(r"DT(\d{4})(\d{1,12})")


def normalise_code(code):
    """What the citizen typed ("dt 2026 000123", "dt2026000123", "DT-2026-123") in the stored form
    ("DT-2026-000123"); anything else upper-cased without spaces or signs."""
    compact = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    match = TYPED_CODE.fullmatch(compact)
    if match is None:
        return compact
    return f"DT-{match[1]}-{int(match[2]):06d}"


def public_lookup(code, key):
    """The petition with this code, if the key matches; None otherwise, in constant time.

    Only its id is read: the status page reads what it shows with the transfer chain."""
    petition = Petition.objects.filter(code=normalise_code(code)).only("pk", "lookup_key").order_by().first()
    # Compare against something even when the code is unknown, so timing says nothing.
    stored = petition.lookup_key if petition else "X" * 10
    if secrets.compare_digest(stored.encode(), normalise_key(key).encode()) and petition is not None:
        return petition
    return None


# A transfer chain longer than this is a loop or a mistake; the page stops following it there.
CHAIN_LIMIT = 50
PUBLIC_ANSWERS = (DecisionKind.RESOLUTION, DecisionKind.NOT_ACCEPTED)
EVENT_LABELS = dict(EventKind.choices)
# What the status page shows of each petition of the chain, and nothing else: a petition row has some seventy
# columns (the content, the search text…) that the citizen's page never reads.
PUBLIC_FIELDS = (
    "code",
    "kind",
    "status",
    "received_date",
    "transferred_from",
    "handling_unit__name",
    "deadline__stage",
    "deadline__start_date",
    "deadline__due_date",
    "rating__id",
)


def _transfer_chain_sql(petition):
    """(SQL, params) of the ids of the petition and of those it was transferred into, however many."""
    # The ORM has no recursive query; one WITH RECURSIVE (SQLite and PostgreSQL), used as the subquery of the
    # chain's own read, finds a chain of any length at once instead of one query per transfer.
    quote = connection.ops.quote_name
    table, pk = quote(Petition._meta.db_table), quote(Petition._meta.pk.column)
    parent = quote(Petition._meta.get_field("transferred_from").column)
    sql = (
        f"WITH RECURSIVE chain(id, depth) AS ("
        f" SELECT {pk}, 0 FROM {table} WHERE {pk} = %s"
        f" UNION ALL SELECT p.{pk}, chain.depth + 1 FROM {table} p JOIN chain ON p.{parent} = chain.id"
        f" WHERE chain.depth < %s"
        f") SELECT id FROM chain"
    )
    return sql, (petition.pk, CHAIN_LIMIT)


def _in_transfer_order(rows, first_id):
    """The chain's rows from the one looked up onwards, each after the petition it was transferred from."""
    depth = {first_id: 0}
    pending = [row for row in rows if row.pk != first_id]
    while pending:
        placed = [row for row in pending if row.transferred_from_id in depth]
        if not placed:
            break
        for row in placed:
            depth[row.pk] = depth[row.transferred_from_id] + 1
        pending = [row for row in pending if row.pk not in depth]
    return sorted((row for row in rows if row.pk in depth), key=lambda row: (depth[row.pk], row.pk))


def public_transfer_chain(petition):
    """The petition and every petition it became by transfer within the portal, in order, each with its
    public timeline (`public_events`, each line with its `label`); internal lines never. Two queries however
    long the chain and its timelines, reading only the columns the status page shows."""
    rows = (
        Petition.objects.filter(pk__in=RawSQL(*_transfer_chain_sql(petition)))
        .select_related("handling_unit", "deadline", "rating")
        .only(*PUBLIC_FIELDS)
        .order_by()
        .prefetch_related(
            Prefetch(
                "events",
                queryset=PetitionEvent.objects.filter(is_public=True).only("petition_id", "kind", "created_at", "note"),
                to_attr="public_events",
            )
        )
    )
    chain = _in_transfer_order(list(rows), petition.pk)
    for row in chain:
        for event in row.public_events:
            # get_kind_display() hashes each of the kinds' lazy labels, translating all of them, at every call.
            event.label = EVENT_LABELS.get(event.kind, event.kind)
    return chain


def public_status(petition):
    """What a citizen may see, following transfers: the chain of petitions, the one now in hand with its
    running acceptance notice (`notice_deadlines`, read only while it is open), its latest answer and
    whether it was rated; nothing personal."""
    chain = public_transfer_chain(petition)
    current = chain[-1]
    # The related managers set each row's petition, which reloads a deferred petition_id row by row.
    answers = current.decisions.filter(kind__in=PUBLIC_ANSWERS).only(
        "petition", "kind", "number", "date", "outcome", "text"
    )
    current.notice_deadlines = (
        list(
            current.deadlines.filter(stage=Stage.ACCEPTANCE_NOTICE, is_current=True, met_on__isnull=True).only(
                "petition", "stage", "start_date", "due_date"
            )
        )
        if current.is_open
        else []
    )
    return {
        "chain": chain,
        "current": current,
        "answer": answers.order_by("-date", "-pk").first(),
        "rated": hasattr(current, "rating"),
    }


def online_submissions():
    """Petitions citizens sent online themselves, with what their receipt shows."""
    return Petition.objects.filter(channel=Channel.ONLINE).select_related("receiving_unit")


def upload_limit_mb():
    """The largest attachment accepted (MB), from the petition policy administrators set."""
    return PetitionPolicy.current().max_attachment_mb
