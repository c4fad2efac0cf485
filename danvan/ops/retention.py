"""Retention of petitioners' personal data: after the years a RetentionRule gives a petition's kind, counted
from the day it was closed, the nightly job anonymises what identifies its petitioners and keeps everything
the statistics count (kind, units, dates, status, outcome, field, numbers of people, decisions' figures).

What holds a petitioner's personal data is declared below (HOLDERS, IDENTITIES), model by model, found by
reading every model that copies what a petitioner gave: the petitioners and the visitors of a reception
(name, ID number, address, phone; nothing stores a petitioner's e-mail), the files, and the free texts that
may quote them. A free text that is the petitioner's own account is replaced whole; the others keep their
words and lose each name, number and address of the petition's own people wherever it appears. The search
text is then rebuilt from what is left. The configuration audit (danvan.ops.audit) copies no petitioner's
data: it records rules, units and officials, and petitions are read-only in the admin.

A denouncer's identity is a state secret (Luật Tố cáo 2018, Điều 47–48; DOMAIN.md), so nothing here writes
a value it removes anywhere: the run row holds counts, the error list only an error's type and the record's
number, the log lines numbers. Each petition is done once (AnonymisedRecord's unique constraint), in
batches of one transaction each; the files are deleted after the batch commits.

Retention reaches down into the domain apps by design: it is the one operation that must see every table
holding a petitioner's data, as the audit and the backup see every table.
"""

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, time

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import AnonymisedRecord, RetentionKind, RetentionRule, RetentionRun

logger = logging.getLogger(__name__)

BATCH = 200
PETITION, VISIT = AnonymisedRecord.Record.PETITION, AnonymisedRecord.Record.VISIT
# The petition kinds each retention kind covers (petitions.models.Kind; reception's visits use the same codes).
KINDS = {
    RetentionKind.COMPLAINT: ("complaint_1", "complaint_2"),
    RetentionKind.DENUNCIATION: ("denunciation",),
    RetentionKind.RECOMMENDATION: ("recommendation",),
    RetentionKind.FEEDBACK: ("feedback",),
}
RETENTION_KIND = {code: kind for kind, codes in KINDS.items() for code in codes}
# Shorter strings are not masked in free text: they would hit ordinary words.
SHORTEST_MASKED = 4


@dataclass(frozen=True)
class Holder:
    """A model whose free text may hold a petitioner's personal data, and how it reaches its petition."""

    model: str
    petition: str  # the lookup from the model to its petition's id
    masked: tuple = ()  # the petition's people's names, numbers and addresses masked wherever they appear
    replaced: tuple = ()  # the petitioner's own words: replaced whole


HOLDERS = (
    Holder(
        "petitions.Petition",
        "pk",
        masked=("summary", "respondent", "first_decision_reference", "transferred_to_name"),
        replaced=("content",),
    ),
    Holder("petitions.PetitionEvent", "petition_id", masked=("note",)),
    Holder("petitions.PetitionDecision", "petition_id", masked=("text",)),
    Holder("petitions.PetitionDeadline", "petition_id", masked=("delay_reason",)),
    Holder("petitions.DialogueFinding", "petition_id", masked=("reason",)),
    Holder("petitions.Dialogue", "petition_id", masked=("place", "participants", "content", "result")),
    Holder("petitions.Withdrawal", "petition_id", masked=("part", "continuation_reason")),
    Holder("petitions.Enforcement", "petition_id", masked=("measures", "responsible_other", "completion_note")),
    Holder("petitions.EnforcementProgress", "enforcement__petition_id", masked=("note",)),
    Holder("petitions.OverdueReport", "petition_id", masked=("request_content", "reasons", "measures")),
    Holder("petitions.SatisfactionRating", "petition_id", replaced=("comment",)),
    Holder("reception.Visit", "petition_id", masked=("topic", "notes", "handled_before_by")),
    # A mediation case opened from the petition (or lodged as it) copies its petitioners as parties and its
    # text: the petitioners are masked there, the other party and the case's own minutes file stay.
    Holder("mediation.MediationCase", "source_petition_id", masked=("matter", "details", "minutes", "guidance")),
    Holder("mediation.MediationCase", "follow_up_petition_id", masked=("matter", "details", "minutes", "guidance")),
    Holder("mediation.Party", "case__source_petition_id", masked=("full_name", "address", "phone")),
    Holder("mediation.Party", "case__follow_up_petition_id", masked=("full_name", "address", "phone")),
)
# The rows that are a person: (model, lookup to the petition, fields that identify them). The name becomes
# the placeholder (it is required), the rest blank; the commune and province stay for statistics, except a
# denouncer's, which are part of the secret address.
IDENTITIES = (
    ("petitions.Petitioner", "petition_id", ("full_name", "citizen_id", "address", "phone", "email")),
    ("reception.Visitor", "visit__petition_id", ("full_name", "citizen_id", "address")),
)
# Rows about a petition through a generic key (target_type, target_id): officials' notices and the messages
# sent to the citizen. (model, fields masked, fields cleared: the address a message went to.)
GENERIC_HOLDERS = (
    ("notifications.Notification", ("title", "body"), ()),
    ("messaging.CitizenMessage", ("subject", "text"), ("recipient",)),
)
SEALED_PLACE = ("province_code", "commune_code")


# The placeholders are stored in the data, so in the portal's language (as the search text is).


def anonymised_name():
    with translation.override(settings.LANGUAGE_CODE):
        return _("(anonymised)")


def removed_text():
    with translation.override(settings.LANGUAGE_CODE):
        return _("[Removed under the personal data retention policy]")


def removed_file():
    with translation.override(settings.LANGUAGE_CODE):
        return _("File removed under the personal data retention policy")


def cutoffs(today=None):
    """{retention kind: the last moment a petition of that kind may have been closed to be anonymised}."""
    today = today or timezone.localdate()
    found = {}
    for rule in RetentionRule.objects.all():
        try:
            day = today.replace(year=today.year - rule.years)
        except ValueError:  # 29 February in a year that has none
            day = today.replace(year=today.year - rule.years, day=28)
        found[rule.kind] = timezone.make_aware(datetime.combine(day, time.min))
    return found


def petitions_due(today=None):
    """The closed petitions whose rule's years have passed since they were closed, not yet anonymised, with
    `closed_at` (their last change of status). Kept back: one whose decision is still being enforced, and one
    whose transfer or second-instance complaint is still open (the citizen follows it with this code)."""
    from petitions.models import Enforcement, Petition
    from petitions.workflow import OPEN_STATUSES

    limits = cutoffs(today)
    if not limits:
        return Petition.objects.none()
    by_kind = Q()
    for kind, limit in limits.items():
        by_kind |= Q(kind__in=KINDS[kind], closed_at__lt=limit)
    open_follow_up = Petition.objects.filter(status__in=OPEN_STATUSES).filter(
        Q(transferred_from=OuterRef("pk")) | Q(first_instance=OuterRef("pk"))
    )
    return (
        Petition.objects.exclude(status__in=OPEN_STATUSES)
        .filter(received_date__lt=max(limits.values()).date())
        .exclude(pk__in=AnonymisedRecord.objects.filter(record=PETITION).values("object_id"))
        .exclude(Exists(Enforcement.objects.filter(petition=OuterRef("pk"), completed_on__isnull=True)))
        .exclude(Exists(open_follow_up))
        .annotate(closed_at=Max("events__created_at", filter=~Q(events__to_status="")))
        .filter(by_kind)
        .order_by("pk")
    )


def visits_due(today=None):
    """Reception visits that received no petition, held longer ago than their kind's rule, not yet anonymised
    (a visit that received a petition is anonymised with it)."""
    from reception.models import Visit

    by_kind = Q()
    for kind, limit in cutoffs(today).items():
        by_kind |= Q(kind__in=KINDS[kind], session__date__lt=limit.date())
    if not by_kind:
        return Visit.objects.none()
    done = AnonymisedRecord.objects.filter(record=VISIT).values("object_id")
    return Visit.objects.filter(petition__isnull=True).filter(by_kind).exclude(pk__in=done).order_by("pk")


def _masker(strings):
    """A function masking each of `strings` (case and Unicode form ignored) in a text."""
    pieces = {unicodedata.normalize("NFC", s.strip()) for s in strings if s and len(s.strip()) >= SHORTEST_MASKED}
    if not pieces:
        return lambda text: text
    # Longest first, so a full name is masked before a shorter string inside it.
    pattern = re.compile("|".join(re.escape(piece) for piece in sorted(pieces, key=len, reverse=True)), re.IGNORECASE)
    name = anonymised_name()

    def mask(text):
        if not text:
            return text
        return pattern.sub(name, unicodedata.normalize("NFC", text))

    return mask


def _model(label):
    """The model, or None when its app is not installed."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _existing(model, fields):
    names = {field.name for field in model._meta.concrete_fields}
    return [field for field in fields if field in names]


def _identity_strings(petition_ids):
    """{petition id: every name, ID number, phone, e-mail and address its petitioners and visitors gave}."""
    found = {pk: set() for pk in petition_ids}
    for label, to_petition, fields in IDENTITIES:
        model = apps.get_model(label)
        fields = _existing(model, fields)
        for row in model.objects.filter(**{f"{to_petition}__in": petition_ids}).values(to_petition, *fields):
            found[row[to_petition]].update(row[field] for field in fields if row[field])
    return found


def _scrub(model, rows_filter, maskers, key, masked, replaced):
    """Mask and replace the text fields of `model`'s rows; `maskers` maps each row's `key` to its masker."""
    fields = [*masked, *replaced]
    changed = []
    for row in model.objects.filter(rows_filter).only("pk", *fields).annotate(retention_owner=F(key)):
        mask = maskers[row.retention_owner]
        dirty = False
        for field in masked:
            value = getattr(row, field)
            new = mask(value)
            if new != value:
                setattr(row, field, new)
                dirty = True
        for field in replaced:
            if getattr(row, field):
                setattr(row, field, removed_text())
                dirty = True
        if dirty:
            changed.append(row)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=BATCH)


def _clear_identities(petition_ids, sealed_ids):
    for label, to_petition, fields in IDENTITIES:
        model = apps.get_model(label)
        cleared = dict.fromkeys(_existing(model, fields), "") | {"full_name": anonymised_name()}
        model.objects.filter(**{f"{to_petition}__in": petition_ids}).update(**cleared)
    apps.get_model("petitions.Petitioner").objects.filter(petition_id__in=sealed_ids).update(
        **dict.fromkeys(SEALED_PLACE, "")
    )


def _history_rows(model_label, ids, maskers, owner_of):
    """The shared history's lines (danvan.history.Change) about the given objects: their notes masked."""
    from danvan.history.models import Change

    content_type = ContentType.objects.get_for_model(apps.get_model(model_label))
    changed = []
    for change in Change.objects.filter(content_type=content_type, object_id__in=ids).only("pk", "object_id", "note"):
        note = maskers[owner_of[change.object_id]](change.note)
        if note != change.note:
            change.note = note
            changed.append(change)
    Change.objects.bulk_update(changed, ["note"], batch_size=BATCH)


def _generic_holders(petition_ids, maskers):
    """Officials' notices and citizens' messages about the petitions: texts masked, addresses cleared."""
    content_type = ContentType.objects.get_for_model(apps.get_model("petitions.Petition"))
    for label, masked, cleared in GENERIC_HOLDERS:
        model = _model(label)
        if model is None:
            continue
        rows = model.objects.filter(target_type=content_type, target_id__in=petition_ids)
        _scrub(model, Q(pk__in=rows.values("pk")), maskers, "target_id", masked, ())
        if cleared:
            rows.update(**dict.fromkeys(cleared, ""))


def _remove_files(petition_ids):
    """Attachments lose their file and its name (which may name the person); the row stays, saying so.
    Returns the stored names, deleted from the storage once the batch has committed."""
    Attachment = apps.get_model("petitions.Attachment")
    rows = Attachment.objects.filter(petition_id__in=petition_ids).exclude(file="")
    names = list(rows.values_list("file", flat=True))
    rows.update(file="", original_name=removed_file())
    return names


def _delete_stored(names, run_id):
    storage, failed = apps.get_model("petitions.Attachment")._meta.get_field("file").storage, 0
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            failed += 1
    if failed:
        RetentionRun.objects.filter(pk=run_id).update(errors=F("errors") + failed)
        logger.warning("Retention run %s could not delete %s files", run_id, failed)


@transaction.atomic
def anonymise_petitions(*, petitions, run):
    """Anonymise the given petitions (a list of rows of petitions_due, with `closed_at`) and their visits;
    return (per retention kind counts, files removed). Skips a petition another run has taken or done."""
    from petitions.models import Petition
    from petitions.services.search import refresh_search_text

    wanted = {petition.pk: petition for petition in petitions}
    done = AnonymisedRecord.objects.filter(record=PETITION, object_id__in=wanted)
    taken = (
        Petition.objects.select_for_update(skip_locked=True)
        .filter(pk__in=wanted)
        .exclude(pk__in=done.values("object_id"))
    )
    ids = list(taken.values_list("pk", flat=True))
    if not ids:
        return {}, 0
    maskers = {pk: _masker(strings) for pk, strings in _identity_strings(ids).items()}
    for holder in HOLDERS:
        model = _model(holder.model)
        if model is None:
            continue
        _scrub(model, Q(**{f"{holder.petition}__in": ids}), maskers, holder.petition, holder.masked, holder.replaced)
    visits = apps.get_model("reception.Visit").objects.filter(petition_id__in=ids)
    visits = dict(visits.values_list("pk", "petition_id"))
    _visit_history(visits, maskers)
    _generic_holders(ids, maskers)
    sealed = [pk for pk in ids if wanted[pk].kind in KINDS[RetentionKind.DENUNCIATION]]
    _clear_identities(ids, sealed)
    files = _remove_files(ids)
    Petition.objects.filter(pk__in=ids).update(version=F("version") + 1)
    refresh_search_text(petitions=Petition.objects.filter(pk__in=ids))
    counts, records = {}, []
    for pk in ids:
        kind = RETENTION_KIND[wanted[pk].kind]
        counts[kind] = counts.get(kind, 0) + 1
        closed_on = timezone.localdate(wanted[pk].closed_at)
        records.append(AnonymisedRecord(record=PETITION, object_id=pk, kind=kind, closed_on=closed_on, run=run))
    AnonymisedRecord.objects.bulk_create(records)
    if files:
        transaction.on_commit(lambda: _delete_stored(files, run.pk))
    return counts, len(files)


def _visit_history(visits, maskers):
    """The visits' and their sessions' history lines, masked with the masker of the visit's petition."""
    if not visits:
        return
    Visit = apps.get_model("reception.Visit")
    _history_rows("reception.Visit", list(visits), maskers, visits)
    sessions = {}
    for visit_pk, session_pk in Visit.objects.filter(pk__in=visits).values_list("pk", "session_id"):
        sessions.setdefault(session_pk, []).append(visits[visit_pk])
    # A session's lines may name the visitors of any of its visits: each masker of the session's petitions.
    session_maskers = {}
    for session_pk, owners in sessions.items():
        masks = [maskers[owner] for owner in owners]
        session_maskers[session_pk] = _chain(masks)
    _history_rows("reception.ReceptionSession", list(sessions), session_maskers, {pk: pk for pk in sessions})


def _chain(masks):
    def mask(text):
        for one in masks:
            text = one(text)
        return text

    return mask


@transaction.atomic
def anonymise_visits(*, visits, run):
    """Anonymise reception visits that received no petition; return how many."""
    Visit = apps.get_model("reception.Visit")
    Visitor = apps.get_model("reception.Visitor")
    done = AnonymisedRecord.objects.filter(record=VISIT, object_id__in=[v.pk for v in visits])
    rows = list(
        Visit.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(pk__in=[v.pk for v in visits])
        .exclude(pk__in=done.values("object_id"))
        .select_related("session")
    )
    if not rows:
        return 0
    ids = [visit.pk for visit in rows]
    strings = {pk: set() for pk in ids}
    for row in Visitor.objects.filter(visit_id__in=ids).values("visit_id", "full_name", "citizen_id", "address"):
        strings[row["visit_id"]].update(value for key, value in row.items() if key != "visit_id" and value)
    maskers = {pk: _masker(found) for pk, found in strings.items()}
    _scrub(Visit, Q(pk__in=ids), maskers, "pk", ("topic", "notes", "handled_before_by"), ())
    _visit_history({pk: pk for pk in ids}, maskers)
    Visitor.objects.filter(visit_id__in=ids).update(full_name=anonymised_name(), citizen_id="", address="")
    AnonymisedRecord.objects.bulk_create(
        AnonymisedRecord(
            record=VISIT,
            object_id=visit.pk,
            kind=RETENTION_KIND[visit.kind],
            closed_on=visit.session.date,
            run=run,
        )
        for visit in rows
    )
    return len(rows)


def _batches(queryset, size):
    batch = []
    for item in queryset.iterator(chunk_size=size):
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _failure(run, error, what, batch):
    """The line a failed batch leaves: the error's type and the records' numbers. Never the error's text,
    which may quote a value (a denouncer's name in a constraint message)."""
    line = f"{type(error).__name__}: {what} {batch[0].pk}–{batch[-1].pk}"
    logger.error("Retention run %s: %s", run.pk, line)
    return line


def apply_retention(*, today=None, batch_size=BATCH):
    """Run the retention policy once: anonymise every petition and visit it makes due, a batch per
    transaction, and record the run (counts only). A batch that fails is counted and left for the next run."""
    run = RetentionRun.objects.create()
    counts, visits, files, errors = {}, 0, 0, []
    # Materialised first: each batch's anonymisation takes its rows out of the query as it goes.
    due_petitions = list(petitions_due(today).only("pk", "kind"))
    for batch in [due_petitions[i : i + batch_size] for i in range(0, len(due_petitions), batch_size)]:
        try:
            done, removed = anonymise_petitions(petitions=batch, run=run)
        except Exception as error:  # one bad batch must not stop the others
            errors.append(_failure(run, error, "petitions", batch))
            continue
        for kind, number in done.items():
            counts[kind] = counts.get(kind, 0) + number
        files += removed
    for batch in _batches(visits_due(today).only("pk", "kind"), batch_size):
        try:
            visits += anonymise_visits(visits=batch, run=run)
        except Exception as error:
            errors.append(_failure(run, error, "visits", batch))
    RetentionRun.objects.filter(pk=run.pk).update(
        finished_at=timezone.now(),
        petitions=counts,
        visits=visits,
        files_removed=files,
        errors=F("errors") + len(errors),
        error_details="\n".join(errors),
    )
    run.refresh_from_db()
    logger.info(
        "Retention run %s: %s petitions, %s visits, %s files, %s errors",
        run.pk,
        run.petitions_total,
        visits,
        files,
        run.errors,
    )
    return run


def preview(today=None):
    """What a run would anonymise now, changing nothing: (petition rows with closed_at, visit rows)."""
    petitions = list(petitions_due(today).only("pk", "code", "kind", "status"))
    visits = list(visits_due(today).select_related("session").only("pk", "kind", "session__date"))
    return petitions, visits
