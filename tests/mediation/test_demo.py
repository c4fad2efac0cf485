"""The demo year of mediation: lawful teams, cases in every state, and failures that came back as petitions."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from mediation.models import Gender, MediationCase, MediationTeam
from mediation.workflow import CaseStatus, TeamStatus
from petitions.workflow import Status

pytestmark = pytest.mark.django_db


def test_the_demo_builds_a_year_of_mediation_once(capsys):
    call_command("load_demo", "--force")
    teams = MediationTeam.objects.annotate(
        size=Count("mediators"), women=Count("mediators", filter=Q(mediators__gender=Gender.FEMALE))
    )
    assert teams.count() == 16 and all(t.status == TeamStatus.RECOGNISED for t in teams)
    assert all(t.size >= 3 and t.women >= 1 for t in teams)
    statuses = set(MediationCase.objects.values_list("status", flat=True))
    assert set(CaseStatus) <= statuses
    after = MediationCase.objects.filter(follow_up_petition__isnull=False).select_related("follow_up_petition")
    assert after.exists() and all(case.status == CaseStatus.UNSUCCESSFUL for case in after)
    guided = MediationCase.objects.filter(source_petition__isnull=False).select_related("source_petition")
    assert guided.count() == 2 and all(case.source_petition.status == Status.GUIDED for case in guided)
    count = MediationCase.objects.count()
    call_command("load_demo", "--force")
    assert MediationCase.objects.count() == count
    assert "grassroots mediation cases" in capsys.readouterr().out
