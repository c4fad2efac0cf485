"""Every change to mediation teams and cases goes through these functions.

Each one is atomic, takes keyword-only arguments including `actor`, re-reads the row it changes under a lock,
checks the workflow table and the actor's permission, saves only the changed fields, appends a history row
(danvan.history) and leaves notices to after the commit. Petitions are created and guided only through
petitions.services, so their own checks and timeline apply.
"""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.history.models import ChangeKind
from danvan.history.services import record_change
from danvan.notifications.services import notify
from danvan.orgunits.models import UnitKind
from danvan.orgunits.selectors import nearest_leaders
from danvan.text import short_date
from danvan.workflow import DomainError, check_transition, require
from petitions import permissions as petition_permissions
from petitions import services as petition_services
from petitions.models import ANSWERED_KINDS, Channel

from . import permissions, selectors
from .models import Gender, MediationCase, MediationTeam, Mediator, MediatorRole, Party
from .workflow import CASE_TRANSITIONS, MEDIATED, OUTCOMES, TEAM_TRANSITIONS, CaseStatus, TeamStatus

PARTY_FIELDS = ("full_name", "address", "phone")


def _today():
    return timezone.localdate()


def _locked_team(team):
    return MediationTeam.objects.select_for_update().select_related("committee").get(pk=team.pk)


def _locked_case(case):
    return MediationCase.objects.select_for_update(of=("self",)).select_related("team__committee").get(pk=case.pk)


def _not_in_future(day, message):
    if day > _today():
        raise DomainError(message)


# --- Teams ---------------------------------------------------------------------------------------------------


@transaction.atomic
def create_team(*, actor, committee, name, area):
    """Form a team for a village or residential group of a commune; it takes cases once recognised."""
    require(permissions.can_manage_mediation(actor, committee.pk))
    if committee.kind != UnitKind.PEOPLE_COMMITTEE:
        raise DomainError(_("A mediation team is formed under a commune People's Committee."))
    name, area = name.strip(), area.strip()
    if not name or not area:
        raise DomainError(_("Give the team's name and the village or residential group it serves."))
    if MediationTeam.objects.filter(committee=committee, name=name).exists():
        raise DomainError(_("%(unit)s already has a team named “%(name)s”.") % {"unit": committee, "name": name})
    team = MediationTeam.objects.create(committee=committee, name=name, area=area)
    record_change(team, actor=actor, kind=ChangeKind.CREATED, note=area, to_status=team.status)
    return team


@transaction.atomic
def add_mediator(*, team, actor, full_name, gender, role, from_date):
    """Add a mediator to the team from `from_date`; a team has one serving leader at a time."""
    team = _locked_team(team)
    require(permissions.can_manage_mediation(actor, team.committee_id))
    if team.status == TeamStatus.DISSOLVED:
        raise DomainError(_("The team is dissolved: it takes no new mediators."))
    full_name = full_name.strip()
    if not full_name:
        raise DomainError(_("Enter the mediator's full name."))
    _not_in_future(from_date, _("The start of the term cannot be in the future."))
    if role == MediatorRole.LEADER:
        leader = selectors.serving_mediators(team, from_date).filter(role=MediatorRole.LEADER).first()
        if leader is not None:
            raise DomainError(
                _("%(name)s already leads the team: end their term first, or add this person as a mediator.")
                % {"name": leader.full_name}
            )
    mediator = Mediator.objects.create(team=team, full_name=full_name, gender=gender, role=role, from_date=from_date)
    note = _("%(name)s, %(role)s, from %(date)s.") % {
        "name": full_name,
        "role": MediatorRole(role).label,
        "date": short_date(from_date),
    }
    record_change(team, actor=actor, kind=ChangeKind.ADDED, note=note)
    return mediator


def make_up_problem(rule, mediators):
    """Why `mediators` cannot form a recognised team under `rule` (a sentence naming the legal basis), or ""."""
    count = len(mediators)
    women = sum(1 for mediator in mediators if mediator.gender == Gender.FEMALE)
    if count < rule.min_mediators:
        return _(
            "A mediation team needs at least %(min)d mediators (%(basis)s); it has %(count)d. "
            "Add mediators before it is recognised."
        ) % {"min": rule.min_mediators, "basis": rule.legal_basis, "count": count}
    if women < rule.min_women:
        return _("A mediation team needs at least %(min)d woman among its mediators (%(basis)s); it has %(count)d.") % {
            "min": rule.min_women,
            "basis": rule.legal_basis,
            "count": women,
        }
    return ""


def _rule_on(day):
    rule = selectors.team_rule_on(day)
    if rule is None:
        raise DomainError(
            _("No rule on the make-up of mediation teams applies on %(date)s. Ask the administrator to add one.")
            % {"date": short_date(day)}
        )
    return rule


@transaction.atomic
def end_mediator_term(*, mediator, actor, to_date):
    """End a mediator's term. A recognised team must keep the make-up the law requires: replace first."""
    team = _locked_team(mediator.team)
    mediator = Mediator.objects.select_for_update().get(pk=mediator.pk)
    require(permissions.can_manage_mediation(actor, team.committee_id))
    if mediator.to_date is not None:
        raise DomainError(_("This mediator's term has already ended."))
    if to_date < mediator.from_date:
        raise DomainError(_("The term cannot end before it started."))
    if team.status == TeamStatus.RECOGNISED:
        day_after = to_date + timedelta(days=1)
        remaining = [m for m in selectors.serving_mediators(team, day_after) if m.pk != mediator.pk]
        problem = make_up_problem(_rule_on(day_after), remaining)
        if problem:
            raise DomainError(_("%(problem)s Add the replacement before ending this term.") % {"problem": problem})
    mediator.to_date = to_date
    mediator.save(update_fields=["to_date"])
    note = _("Term of %(name)s ended on %(date)s.") % {"name": mediator.full_name, "date": short_date(to_date)}
    record_change(team, actor=actor, kind=ChangeKind.UPDATED, note=note)
    return mediator


@transaction.atomic
def recognise_team(*, team, actor, decision_number, decision_date):
    """Record the commune chairman's recognition decision, once the team has the make-up the law requires."""
    team = _locked_team(team)
    require(permissions.can_recognise_team(actor, team))
    check_transition(TEAM_TRANSITIONS, team.status, TeamStatus.RECOGNISED)
    decision_number = decision_number.strip()
    if not decision_number:
        raise DomainError(_("Enter the number of the recognition decision."))
    _not_in_future(decision_date, _("The decision date cannot be in the future."))
    rule = _rule_on(decision_date)
    problem = make_up_problem(rule, list(selectors.serving_mediators(team, decision_date)))
    if problem:
        raise DomainError(problem)
    previous = team.status
    team.status = TeamStatus.RECOGNISED
    team.decision_number, team.decision_date, team.rule = decision_number, decision_date, rule
    team.save(update_fields=["status", "decision_number", "decision_date", "rule"])
    note = _("Recognised by decision %(number)s of %(date)s.") % {
        "number": decision_number,
        "date": short_date(decision_date),
    }
    record_change(team, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=team.status, note=note)
    return team


@transaction.atomic
def dissolve_team(*, team, actor, note):
    """Dissolve a team (villages merged, no mediators left); its cases stay on record."""
    team = _locked_team(team)
    require(permissions.can_recognise_team(actor, team))
    check_transition(TEAM_TRANSITIONS, team.status, TeamStatus.DISSOLVED)
    if not note.strip():
        raise DomainError(_("Write why the team is dissolved."))
    if team.cases.filter(status__in=(CaseStatus.RECEIVED, CaseStatus.MEDIATING)).exists():
        raise DomainError(_("The team still has cases in hand: conclude them or hand them to another team first."))
    previous = team.status
    team.status = TeamStatus.DISSOLVED
    team.save(update_fields=["status"])
    record_change(team, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=team.status, note=note)
    return team


# --- Cases ---------------------------------------------------------------------------------------------------


def _create_case(*, actor, team, matter, details, field, received_date, parties, source_petition=None):
    if team.status != TeamStatus.RECOGNISED:
        raise DomainError(
            _("Only a recognised team takes cases: record the chairman's recognition decision of %(team)s first.")
            % {"team": team.name}
        )
    _not_in_future(received_date, _("The received date cannot be in the future."))
    matter = matter.strip()
    if not matter:
        raise DomainError(_("Say what the dispute is about."))
    people = [person for person in parties if (person.get("full_name") or "").strip()]
    if not people:
        raise DomainError(_("Enter at least one party to the dispute."))
    case = MediationCase.objects.create(
        team=team,
        matter=matter[:300],
        details=details.strip(),
        field=field,
        received_date=received_date,
        source_petition=source_petition,
        created_by=actor,
    )
    case.code = f"HG-{received_date.year}-{case.pk:06d}"
    case.save(update_fields=["code"])
    Party.objects.bulk_create(
        Party(case=case, order=index, **{f: (person.get(f) or "").strip() for f in PARTY_FIELDS})
        for index, person in enumerate(people)
    )
    return case


@transaction.atomic
def record_case(*, actor, team, matter, details, field, received_date, parties):
    """Record a dispute brought to a recognised team, with its parties."""
    team = MediationTeam.objects.select_related("committee").get(pk=team.pk)
    require(permissions.can_manage_mediation(actor, team.committee_id))
    case = _create_case(
        actor=actor, team=team, matter=matter, details=details, field=field, received_date=received_date,
        parties=parties,
    )  # fmt: skip
    record_change(case, actor=actor, kind=ChangeKind.CREATED, to_status=case.status, note=team.name)
    return case


@transaction.atomic
def start_mediation(*, case, actor, mediators):
    """The team takes the case up with the mediators who will mediate it (serving members of the team)."""
    case = _locked_case(case)
    require(permissions.can_manage_case(actor, case))
    check_transition(CASE_TRANSITIONS, case.status, CaseStatus.MEDIATING)
    chosen = list(mediators)
    if not chosen:
        raise DomainError(_("Choose at least one mediator."))
    serving = set(selectors.serving_mediators(case.team).values_list("pk", flat=True))
    if any(mediator.pk not in serving for mediator in chosen):
        raise DomainError(_("Only the team's serving mediators can mediate its cases."))
    previous = case.status
    case.status = CaseStatus.MEDIATING
    case.save(update_fields=["status"])
    case.mediators.set(chosen)
    note = ", ".join(mediator.full_name for mediator in chosen)
    record_change(case, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=case.status, note=note)
    return case


@transaction.atomic
def conclude_mediation(*, case, actor, outcome, mediated_on=None, minutes="", guidance="", minutes_file=None):
    """Record how the mediation ended: successful, unsuccessful (the parties guided to the competent body), or
    withdrawn. A failure is told to the commune's leaders: the dispute may come back as a petition."""
    case = _locked_case(case)
    require(permissions.can_manage_case(actor, case))
    if outcome not in OUTCOMES:
        raise DomainError(_("Choose how the mediation ended."))
    check_transition(CASE_TRANSITIONS, case.status, outcome)
    minutes, guidance = minutes.strip(), guidance.strip()
    if outcome in MEDIATED:
        if mediated_on is None:
            raise DomainError(_("Enter the day of the mediation."))
        _not_in_future(mediated_on, _("The day of the mediation cannot be in the future."))
        if mediated_on < case.received_date:
            raise DomainError(_("The mediation cannot be dated before the case was received."))
        if not minutes:
            raise DomainError(_("Write the minutes of the mediation: what the parties agreed or why they did not."))
    if outcome == CaseStatus.UNSUCCESSFUL and not guidance:
        raise DomainError(_("Name the competent body the parties were guided to."))
    previous = case.status
    case.status = outcome
    case.mediated_date = mediated_on if outcome in MEDIATED else None
    case.minutes, case.guidance = minutes, guidance if outcome == CaseStatus.UNSUCCESSFUL else ""
    fields = ["status", "mediated_date", "minutes", "guidance"]
    if minutes_file:
        case.minutes_file, case.minutes_name = minutes_file, minutes_file.name[:255]
        fields += ["minutes_file", "minutes_name"]
    case.save(update_fields=fields)
    note = guidance if outcome == CaseStatus.UNSUCCESSFUL else ""
    record_change(case, actor=actor, kind=ChangeKind.STATUS, from_status=previous, to_status=outcome, note=note)
    if outcome == CaseStatus.UNSUCCESSFUL:
        transaction.on_commit(lambda: _tell_leaders_failed(case, actor))
    return case


def _tell_leaders_failed(case, actor):
    for leader in nearest_leaders(case.team.committee):
        if actor is not None and leader.pk == actor.pk:
            continue
        notify(
            recipient=leader,
            kind="mediation_failed",
            key=f"mediation:{case.pk}:failed",
            title=_("Mediation %(code)s was unsuccessful (%(team)s)") % {"code": case.code, "team": case.team.name},
            body=case.matter,
            target=case,
            url=reverse("mediation:case", args=[case.pk]),
        )


# --- Links with petitions ------------------------------------------------------------------------------------


@transaction.atomic
def guide_petition_to_mediation(*, petition, team, actor, note=""):
    """A petition about a dispute between citizens is guided to the mediation team of their village: the
    petition takes petitions' own "guided" step (its timeline says where to), and a case opens from it with
    the petitioners as parties, linked both ways."""
    require(petition_permissions.can_view_petition(actor, petition))
    team = MediationTeam.objects.select_related("committee").get(pk=team.pk)
    require(permissions.can_manage_mediation(actor, team.committee_id))
    if petition.kind not in ANSWERED_KINDS:
        raise DomainError(
            _(
                "Only a recommendation or feedback about a dispute between citizens can be guided to mediation; "
                "complaints and denunciations are resolved under their own laws."
            )
        )
    if MediationCase.objects.filter(source_petition=petition).exists():
        raise DomainError(_("This petition has already been guided to mediation."))
    if MediationCase.objects.filter(follow_up_petition=petition).exists():
        raise DomainError(
            _("This petition was lodged after a mediation failed: it goes to the competent body, not back to a team.")
        )
    if team.status != TeamStatus.RECOGNISED:
        raise DomainError(_("Only a recognised team takes cases."))
    standard = _("Guided to grassroots mediation: %(team)s (%(area)s).") % {"team": team.name, "area": team.area}
    text = " ".join(part for part in (standard, note.strip()) if part)
    petition = petition_services.guide_petition(petition=petition, actor=actor, note=text, is_public=True)
    parties = [{f: getattr(person, f) for f in PARTY_FIELDS} for person in petition.petitioners.all()]
    case = _create_case(
        actor=actor, team=team, matter=petition.summary, details=petition.content, field=petition.category,
        received_date=_today(), parties=parties, source_petition=petition,
    )  # fmt: skip
    note = _("From petition %(code)s.") % {"code": petition.code}
    record_change(case, actor=actor, kind=ChangeKind.CREATED, to_status=case.status, note=note)
    return case


@transaction.atomic
def lodge_petition_after_mediation(*, case, actor, kind, received_date, parties):
    """A dispute the team could not settle comes to the commune as a petition, recorded through petitions'
    own intake (its deadline, its timeline) and linked back to the case; `parties` are those who lodge it."""
    case = _locked_case(case)
    require(permissions.can_manage_case(actor, case) and petition_permissions.can_record_petitions(actor))
    if case.status != CaseStatus.UNSUCCESSFUL:
        raise DomainError(_("Only a mediation that ended unsuccessfully is followed by a petition."))
    if case.follow_up_petition_id is not None:
        raise DomainError(
            _("Petition %(code)s already follows this mediation.") % {"code": case.follow_up_petition.code}
        )
    if kind not in ANSWERED_KINDS:
        raise DomainError(_("Choose recommendation or feedback."))
    if case.mediated_date and received_date < case.mediated_date:
        raise DomainError(_("The petition cannot be received before the mediation took place."))
    people = list(parties)
    if not people:
        raise DomainError(_("Choose who lodges the petition."))
    content = _(
        "%(details)s\n\nLodged after mediation %(code)s by %(team)s ended unsuccessfully on %(date)s; "
        "the parties were guided to %(guidance)s."
    ) % {
        "details": case.details or case.matter,
        "code": case.code,
        "team": case.team.name,
        "date": short_date(case.mediated_date) if case.mediated_date else "",
        "guidance": case.guidance,
    }
    data = {
        "kind": kind,
        "channel": Channel.IN_PERSON,
        "received_date": received_date,
        "receiving_unit": case.team.committee,
        "category": case.field,
        "summary": case.matter[:300],
        "content": content.strip(),
        "respondent": "",
        "people_count": len(people),
    }
    petitioners = [{"full_name": p.full_name, "address": p.address, "phone": p.phone} for p in people]
    petition = petition_services.create_petition(actor=actor, data=data, petitioners=petitioners)
    case.follow_up_petition = petition
    case.save(update_fields=["follow_up_petition"])
    note = _("Petition %(code)s lodged after the unsuccessful mediation.") % {"code": petition.code}
    record_change(case, actor=actor, kind=ChangeKind.UPDATED, note=note)
    return petition
