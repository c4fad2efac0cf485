"""Statuses and allowed changes of publications and consultations.

A publication is on the portal's public pages until it is withdrawn; withdrawn is final (a new
publication of the same answer is a new decision, recorded as such). A consultation is planned,
opened for opinions, and concluded with its result, or cancelled before it concludes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn from the public pages")


PUBLICATION_TRANSITIONS = {
    PublicationStatus.PUBLISHED: {PublicationStatus.WITHDRAWN},
    PublicationStatus.WITHDRAWN: set(),
}


class ConsultationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Collecting opinions")
    CONCLUDED = "concluded", _("Concluded")
    CANCELLED = "cancelled", _("Cancelled")


CONSULTATION_TRANSITIONS = {
    ConsultationStatus.PLANNED: {ConsultationStatus.OPEN, ConsultationStatus.CANCELLED},
    ConsultationStatus.OPEN: {ConsultationStatus.CONCLUDED, ConsultationStatus.CANCELLED},
    ConsultationStatus.CONCLUDED: set(),
    ConsultationStatus.CANCELLED: set(),
}
CONSULTATION_FINAL = (ConsultationStatus.CONCLUDED, ConsultationStatus.CANCELLED)
