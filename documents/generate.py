"""From the record to a Document: number it once (services.issue_document), then lay it out. The words are
Vietnamese whatever language the portal is shown in: they are those of the law and of the forms."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from petitions.models import PetitionEvent

from . import petition_documents as build
from . import services
from .layout import Document, Paragraph, Signature, Table, parent_body_of, place_of, vietnamese_date
from .models import DocumentKind
from .selectors import letterhead_of, report_signer


def _source_id(source):
    return int(source.split(":", 1)[1])


def petition_document(*, petition, available, user, reveal, status_url=""):
    """The Document `available` names, for `user`; the sealed identity in it only when `reveal` (the caller
    has checked and logged it)."""
    unit = petition.receiving_unit if available.kind == DocumentKind.RECEIPT else petition.handling_unit
    decision = event = None
    if available.source.startswith("decision:"):
        decision = petition.decisions.select_related("recorded_by").get(pk=_source_id(available.source))
    elif available.source.startswith("event:"):
        event = PetitionEvent.objects.select_related("actor", "related_petition__handling_unit").get(
            pk=_source_id(available.source), petition=petition
        )
    issued = services.issue_document(
        kind=available.kind,
        source=available.source,
        unit=unit,
        issued_on=available.day,
        actor=user,
        petition=petition,
        signer=available.actor,
        reference=decision.number if decision is not None else "",
    )
    with translation.override("vi"):
        ctx = build.Context(
            petition=petition, issued=issued, letterhead=letterhead_of(unit), reveal=reveal, status_url=status_url
        )
        if available.kind == DocumentKind.RECEIPT:
            return build.receipt(ctx, available)
        if available.kind == DocumentKind.ACCEPTANCE_NOTICE:
            return build.acceptance_notice(ctx, available)
        if available.kind == DocumentKind.ACCEPTANCE_DECISION:
            return build.acceptance_decision(ctx, available)
        if available.kind == DocumentKind.REFUSAL_NOTICE:
            return build.refusal_notice(ctx, available, event.note)
        if available.kind == DocumentKind.TRANSFER_SLIP:
            return build.transfer_slip(ctx, available, event.related_petition)
        if available.kind == DocumentKind.GUIDANCE_SLIP:
            return build.guidance_slip(ctx, available, build.guidance_text(event))
        return build.resolution(ctx, available, decision)


def _value(value):
    if value is None:
        return "—"
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:,}".replace(",", ".")
    return str(value)


def report_document(*, unit, period, sheets, user):
    """The periodic report of `unit` over `period` as a Document: its number, the forms' tables, the preparer
    and the head who signs."""
    issued = services.issue_document(
        kind=DocumentKind.REPORT,
        source=f"report:{unit.pk}:{period.start:%Y%m%d}:{period.end:%Y%m%d}",
        unit=unit,
        issued_on=timezone.localdate(),
        actor=user,
    )
    signer = report_signer(unit)
    with translation.override("vi"):
        doc = Document(
            kind=DocumentKind.REPORT,
            file_stem=f"bao-cao-{unit.pk}-{period.start:%Y%m%d}-{period.end:%Y%m%d}",
            issuer=unit.name.upper(),
            parent_body=parent_body_of(unit),
            reference=_("No.: %(reference)s") % {"reference": issued.reference},
            place_date=f"{place_of(unit, letterhead_of(unit))}, {vietnamese_date(issued.issued_on)}",
            title=_("REPORT"),
            subtitle=_("Results of citizen reception, petition handling and the resolution of complaints, "
                       "denunciations, recommendations and feedback"),
            form_note=_("Period: from %(start)s to %(end)s; figures in the forms of Circular 02/2021/TT-TTCP")
            % {"start": f"{period.start:%d/%m/%Y}", "end": f"{period.end:%d/%m/%Y}"},
        )  # fmt: skip
        doc.blocks = [
            Paragraph(_("Reporting unit: %(unit)s.") % {"unit": unit.name}, indent=False, align="left"),
        ]
        for code, title, rows in sheets:
            doc.blocks.append(
                Table(
                    title=_("Form %(code)s: %(title)s") % {"code": code, "title": title},
                    header=[_("No."), _("Indicator"), _("Figure")],
                    rows=[[index, label, _value(value)] for index, (label, value) in enumerate(rows, 1)],
                    widths=[0.08, 0.7, 0.22],
                )
            )
        doc.recipients = [_("The inspectorate of the level above;"), _("Filed: archives.")]
        doc.second_signature = Signature(
            position=_("PREPARED BY"), caption=_("(Signature and full name)"), name=user.get_full_name()
        )
        position = signer.position_title if signer and signer.position_title else _("Head of the unit")
        doc.signature = Signature(position=position.upper(), name=signer.get_full_name() if signer else "")
    return doc
