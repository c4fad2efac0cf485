"""The choices petitions use, in the words of the law (see DOMAIN.md for the Vietnamese terms)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMPLAINT_FIRST = "complaint_1", _("Complaint (first instance)")
    COMPLAINT_SECOND = "complaint_2", _("Complaint (second instance)")
    DENUNCIATION = "denunciation", _("Denunciation")
    RECOMMENDATION = "recommendation", _("Recommendation")
    FEEDBACK = "feedback", _("Feedback")


COMPLAINT_KINDS = (Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND)
# Recommendations and feedback are answered in writing; they are not found justified or unjustified.
ANSWERED_KINDS = (Kind.RECOMMENDATION, Kind.FEEDBACK)


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person at a reception")
    POST = "post", _("By post")
    ONLINE = "online", _("Online")
    TRANSFERRED = "transferred", _("Transferred from another body")
    VOTER_MEETING = "voter_meeting", _("Voter meeting")
    HOTLINE = "hotline", _("Hotline or email")


class Stage(models.TextChoices):
    PROCESSING = "processing", _("Classify and notify the sender")
    ACCEPTANCE = "acceptance", _("Decide on acceptance")
    ACCEPTANCE_NOTICE = "acceptance_notice", _("Notify the acceptance")
    RESOLUTION = "resolution", _("Resolve or answer")
    # Luật Tố cáo 2018 Art 38: a denunciation left unresolved past its period.
    # Named as deadlines: they are also what reminders and the register call them.
    OVERDUE_REQUEST = "overdue_request", _("Deadline for the superior's request for a report")
    OVERDUE_REPORT = "overdue_report", _("Deadline for the report on the overdue denunciation")


class RuleCondition(models.TextChoices):
    """A circumstance under which the law gives a different period."""

    ORDINARY = "", _("Ordinary case")
    REMOTE_AREA = "remote_area", _("Remote area with difficult travel")
    SEVERAL_PLACES = "several_places", _("Verification in several places")
    VOTER_MEETING = "voter_meeting", _("Voters' recommendation, answered before the next council session")


class CountingUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("Working days")
    CALENDAR_DAYS = "calendar_days", _("Calendar days, rolled forward past days off")
    BY_DATE = "by_date", _("By the date set for the petition (e.g. the next council session)")


class Complexity(models.TextChoices):
    NORMAL = "normal", _("Normal")
    COMPLEX = "complex", _("Complex")
    VERY_COMPLEX = "very_complex", _("Particularly complex")


class Outcome(models.TextChoices):
    JUSTIFIED = "justified", _("Justified")
    PARTLY = "partly", _("Partly justified")
    UNJUSTIFIED = "unjustified", _("Unjustified")


class DecisionKind(models.TextChoices):
    NOT_ACCEPTED = "not_accepted", _("Refusal to accept")
    EXTENSION = "extension", _("Extension")
    RESOLUTION = "resolution", _("Resolution decision or answer")
    TERMINATION = "termination", _("Termination")


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    EDITED = "edited", _("Details corrected")
    CLASSIFIED = "classified", _("Classified as within competence")
    ACCEPTED = "accepted", _("Accepted for resolution")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    TRANSFERRED_OUT = "transferred_out", _("Transferred")
    TRANSFERRED_IN = "transferred_in", _("Received by transfer")
    GUIDED = "guided", _("Citizen guided")
    FILED = "filed", _("Filed")
    DUPLICATE = "duplicate", _("Marked as a duplicate")
    ASSIGNED = "assigned", _("Handler assigned")
    VERIFICATION_STARTED = "verification_started", _("Verification started")
    NOTE = "note", _("Note")
    EXTENDED = "extended", _("Deadline extended")
    RESOLVED = "resolved", _("Resolved")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    PARTLY_WITHDRAWN = "partly_withdrawn", _("Partly withdrawn")
    TERMINATED = "terminated", _("Terminated")
    CLOSED = "closed", _("Closed")
    ESCALATED = "escalated", _("Escalated as overdue")
    DELAY_EXPLAINED = "delay_explained", _("Delay explained")
    OVERDUE_REFERRED = "overdue_referred", _("Overdue denunciation referred to the superior body")
    OVERDUE_REPORT_REQUESTED = "overdue_report_requested", _("Report on the overdue denunciation requested")
    OVERDUE_REPORTED = "overdue_reported", _("Overdue denunciation reported")
    DEADLINE_CORRECTED = "deadline_corrected", _("Deadline corrected to the calendar")
    URGED = "urged", _("Urged")
    ENFORCEMENT_STARTED = "enforcement_started", _("Enforcement started")
    ENFORCEMENT_PROGRESS = "enforcement_progress", _("Enforcement progress")
    ENFORCEMENT_COMPLETED = "enforcement_completed", _("Enforcement completed")
    ENFORCEMENT_ESCALATED = "enforcement_escalated", _("Enforcement escalated as overdue")
    WITHDRAWAL_CONTINUED = "withdrawal_continued", _("Withdrawn, still resolved")
    DIALOGUE_FINDING = "dialogue_finding", _("Need for a dialogue assessed")
    DIALOGUE_HELD = "dialogue_held", _("Dialogue held")


class AccessContext(models.TextChoices):
    DETAIL = "detail", _("Petition page")
    EDIT = "edit", _("Editing the petition")
    ATTACHMENT = "attachment", _("File download")
