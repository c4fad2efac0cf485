"""Statuses and allowed changes of mediation teams and mediation cases (Law on Grassroots Mediation 2013).

Team:  forming ──► recognised (the commune chairman's decision) ──► dissolved
          └──────────────────────────────────────────────────────► dissolved
Case:  received ──► mediating ──► successful | unsuccessful (parties guided to the competent body) | withdrawn
          └────────────────────────────────────────────────────────────────────────────────────► withdrawn
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamStatus(models.TextChoices):
    FORMING = "forming", _("Being formed")
    RECOGNISED = "recognised", _("Recognised")
    DISSOLVED = "dissolved", _("Dissolved")


TEAM_TRANSITIONS = {
    TeamStatus.FORMING: {TeamStatus.RECOGNISED, TeamStatus.DISSOLVED},
    TeamStatus.RECOGNISED: {TeamStatus.DISSOLVED},
    TeamStatus.DISSOLVED: set(),
}


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received, awaiting mediation")
    MEDIATING = "mediating", _("Being mediated")
    SUCCESSFUL = "successful", _("Mediated successfully")
    UNSUCCESSFUL = "unsuccessful", _("Mediation unsuccessful, guided to the competent body")
    WITHDRAWN = "withdrawn", _("Withdrawn or ended by the parties")


CASE_TRANSITIONS = {
    CaseStatus.RECEIVED: {CaseStatus.MEDIATING, CaseStatus.WITHDRAWN},
    CaseStatus.MEDIATING: {CaseStatus.SUCCESSFUL, CaseStatus.UNSUCCESSFUL, CaseStatus.WITHDRAWN},
    CaseStatus.SUCCESSFUL: set(),
    CaseStatus.UNSUCCESSFUL: set(),
    CaseStatus.WITHDRAWN: set(),
}

# What a concluded case may end with; the outcome form offers these.
OUTCOMES = (CaseStatus.SUCCESSFUL, CaseStatus.UNSUCCESSFUL, CaseStatus.WITHDRAWN)
# Mediated to an end by the team: what the success rate counts (a withdrawal is neither).
MEDIATED = (CaseStatus.SUCCESSFUL, CaseStatus.UNSUCCESSFUL)
OPEN_STATUSES = (CaseStatus.RECEIVED, CaseStatus.MEDIATING)
