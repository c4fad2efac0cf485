"""The documents of a petition's steps, built from the record in the layout of Decree 30/2020/NĐ-CP and, where
the Government Inspectorate prescribes a form, in that form's structure (Circular 04/2021/TT-TTCP on citizen
reception, Circular 05/2021/TT-TTCP on petition handling). Call under the Vietnamese language: the words of
a document are those of the law, whatever language the portal is shown in."""

from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from danvan.text import without_diacritics
from petitions.models import EventKind, Kind

from .layout import Document, Paragraph, Signature, parent_body_of, place_of, vietnamese_date
from .models import DocumentKind

RECEPTION_FORM = "Circular 04/2021/TT-TTCP"
HANDLING_FORM = "Circular 05/2021/TT-TTCP"
# The articles that say what a notice or decision must hold, by kind of petition.
ACCEPTANCE_BASIS = {
    Kind.COMPLAINT_FIRST: "Điều 27 Luật Khiếu nại năm 2011",
    Kind.COMPLAINT_SECOND: "Điều 36 Luật Khiếu nại năm 2011",
    Kind.DENUNCIATION: "Điều 29 Luật Tố cáo năm 2018",
}
LAW_OF_KIND = {
    Kind.COMPLAINT_FIRST: "Luật Khiếu nại ngày 11 tháng 11 năm 2011",
    Kind.COMPLAINT_SECOND: "Luật Khiếu nại ngày 11 tháng 11 năm 2011",
    Kind.DENUNCIATION: "Luật Tố cáo ngày 12 tháng 6 năm 2018",
}


def short(day):
    return date_format(day, "d/m/Y") if day else ""


class Context:
    """What every document of a petition draws on: the petition, the issuing unit and its letterhead, the
    number given, whether the sealed identity is shown, and the citizen's status page for the QR code."""

    def __init__(self, *, petition, issued, letterhead, reveal, status_url=""):
        self.petition = petition
        self.issued = issued
        self.unit = issued.unit
        self.letterhead = letterhead
        self.reveal = reveal
        self.status_url = status_url
        self.people = list(petition.petitioners.all())

    @property
    def sealed(self):
        return self.petition.is_sealed and not self.reveal

    def sender(self):
        """The sender as this document may name them."""
        if self.petition.is_anonymous or not self.people:
            return _("Anonymous sender")
        if self.sealed:
            return _("Identity sealed (Law on Denunciation, Article 47)")
        first = self.people[0]
        if len(self.people) > 1:
            return _("%(name)s and %(count)d other people") % {"name": first.full_name, "count": len(self.people) - 1}
        return first.full_name

    def sender_details(self):
        if self.sealed or self.petition.is_anonymous or not self.people:
            return []
        first = self.people[0]
        lines = []
        address = ", ".join(part for part in (first.address, first.place) if part)
        if address:
            lines.append(_("Address: %(address)s") % {"address": address})
        if first.citizen_id:
            lines.append(_("Personal identification number: %(number)s") % {"number": first.citizen_id})
        return lines

    def base(self, kind, title, subtitle=""):
        unit = self.unit
        return Document(
            kind=kind,
            # The document's own name, as officials file it: "giay-bien-nhan-DT-2026-000001.pdf".
            file_stem=f"{slugify(without_diacritics(title))}-{self.petition.code or self.petition.pk}",
            issuer=unit.name.upper(),
            parent_body=parent_body_of(unit),
            reference=_("No.: %(reference)s") % {"reference": self.issued.reference},
            place_date=f"{place_of(unit, self.letterhead)}, {vietnamese_date(self.issued.issued_on)}",
            title=title,
            subtitle=subtitle,
        )

    def signature(self, user, fallback_position):
        position = (user.position_title if user and user.position_title else fallback_position).upper()
        return Signature(position=position, name=user.get_full_name() if user else "")

    def received_line(self):
        petition = self.petition
        return _("On %(day)s, %(unit)s received the petition (%(kind)s) of %(sender)s about: %(summary)s.") % {
            "day": short(petition.received_date),
            "unit": petition.receiving_unit.name,
            "kind": petition.get_kind_display().lower(),
            "sender": self.sender(),
            "summary": petition.summary,
        }


def receipt(ctx, available):
    petition = ctx.petition
    doc = ctx.base(DocumentKind.RECEIPT, _("RECEIPT"), _("Receipt of a petition and its documents"))
    doc.form_note = _("Drawn up in the structure of the forms of %(circular)s") % {"circular": RECEPTION_FORM}
    fields = [
        _("Received from: %(sender)s") % {"sender": ctx.sender()},
        *ctx.sender_details(),
        _("Kind of petition: %(kind)s") % {"kind": petition.get_kind_display()},
        _("Content: %(summary)s") % {"summary": petition.summary},
        _("Received on: %(day)s, channel: %(channel)s")
        % {"day": short(petition.received_date), "channel": petition.get_channel_display().lower()},
        _("Number of attached files: %(count)d") % {"count": petition.attachments.count()},
        _("Petition code: %(code)s") % {"code": petition.code},
        _("Lookup key: %(key)s") % {"key": f"{petition.lookup_key[:5]}-{petition.lookup_key[5:]}"},
    ]
    first = petition.deadlines.order_by("created_at", "pk").first()
    if first is not None:
        fields.append(_("To be processed and answered by: %(day)s") % {"day": short(first.due_date)})
    doc.blocks = [Paragraph(line, indent=False, align="left") for line in fields]
    doc.blocks.append(
        Paragraph(
            _(
                "Keep this receipt. With the petition code and the lookup key you can follow your petition on "
                "the portal; do not give the key to anyone. The QR code opens the lookup page with the code "
                "filled in, never the key."
            ),
            italic=True,
        )
    )
    doc.qr_payload = ctx.status_url
    doc.qr_caption = _("Follow your petition")
    doc.second_signature = Signature(position=_("THE SENDER"), caption=_("(Signature and full name)"))
    doc.signature = ctx.signature(available.actor, _("Receiving officer"))
    doc.signature.caption = _("(Signature and full name)")
    return doc


def acceptance_notice(ctx, available):
    petition = ctx.petition
    doc = ctx.base(
        DocumentKind.ACCEPTANCE_NOTICE,
        _("NOTICE"),
        _("Acceptance of the %(kind)s for resolution") % {"kind": petition.get_kind_display().lower()},
    )
    doc.form_note = _("Drawn up in the structure of the forms of %(circular)s") % {"circular": HANDLING_FORM}
    doc.addressee = _("To: %(sender)s") % {"sender": ctx.sender()}
    basis = ACCEPTANCE_BASIS.get(petition.kind, "")
    doc.blocks = [
        Paragraph(ctx.received_line()),
        Paragraph(
            _(
                "The petition meets the conditions for acceptance (%(basis)s). "
                "%(unit)s accepted it for resolution on %(day)s."
            )
            % {"basis": basis or _("the law"), "unit": ctx.unit.name, "day": short(petition.accepted_date)}
        ),
    ]
    if petition.due_date:
        doc.blocks.append(Paragraph(_("It is to be resolved by %(day)s.") % {"day": short(petition.due_date)}))
    doc.blocks.append(Paragraph(_("This notice is sent so that the sender knows.")))
    doc.recipients = [_("As above;"), _("Filed: archives, case file.")]
    doc.signature = ctx.signature(available.actor, _("Head of the unit"))
    return doc


def acceptance_decision(ctx, available):
    petition = ctx.petition
    is_denunciation = petition.kind == Kind.DENUNCIATION
    subject = _("acceptance of the denunciation") if is_denunciation else _("acceptance of the complaint")
    doc = ctx.base(DocumentKind.ACCEPTANCE_DECISION, _("DECISION"), _("On the %(subject)s") % {"subject": subject})
    doc.blocks = [
        Paragraph(_("Pursuant to the %(law)s;") % {"law": LAW_OF_KIND[petition.kind]}, italic=True),
        Paragraph(
            _("Considering the petition received on %(day)s;") % {"day": short(petition.received_date)}, italic=True
        ),
        Paragraph(_("DECIDES:"), bold=True, align="center", indent=False),
        Paragraph(
            _("Article 1. To accept for resolution the %(kind)s of %(sender)s about: %(summary)s (code %(code)s).")
            % {
                "kind": petition.get_kind_display().lower(),
                "sender": ctx.sender(),
                "summary": petition.summary,
                "code": petition.code,
            }
        ),
    ]
    if petition.due_date:
        doc.blocks.append(
            Paragraph(_("Article 2. The resolution is to be completed by %(day)s.") % {"day": short(petition.due_date)})
        )
    doc.blocks.append(
        Paragraph(_("Article 3. The handler of the case and the persons concerned carry out this decision."))
    )
    doc.recipients = [_("As in Article 3;"), _("Filed: archives, case file.")]
    doc.signature = ctx.signature(available.actor, _("Head of the unit"))
    doc.signature.authority = _("FOR %(unit)s") % {"unit": ctx.unit.name.upper()}
    return doc


def refusal_notice(ctx, available, reason):
    petition = ctx.petition
    doc = ctx.base(
        DocumentKind.REFUSAL_NOTICE,
        _("NOTICE"),
        _("Non-acceptance of the %(kind)s") % {"kind": petition.get_kind_display().lower()},
    )
    doc.form_note = _("Drawn up in the structure of the forms of %(circular)s") % {"circular": HANDLING_FORM}
    doc.addressee = _("To: %(sender)s") % {"sender": ctx.sender()}
    doc.blocks = [
        Paragraph(ctx.received_line()),
        Paragraph(_("%(unit)s does not accept the petition for resolution, for this reason: %(reason)s") % {
            "unit": ctx.unit.name, "reason": reason or "…"}),
        Paragraph(_("This notice is sent so that the sender knows.")),
    ]  # fmt: skip
    doc.recipients = [_("As above;"), _("Filed: archives, case file.")]
    doc.signature = ctx.signature(available.actor, _("Head of the unit"))
    return doc


def transfer_slip(ctx, available, linked):
    petition = ctx.petition
    destination = petition.transferred_to_name or (linked.handling_unit.name if linked else "")
    doc = ctx.base(DocumentKind.TRANSFER_SLIP, _("TRANSFER SLIP"), _("Transfer of a petition"))
    doc.form_note = _("Drawn up in the structure of the forms of %(circular)s") % {"circular": HANDLING_FORM}
    doc.addressee = _("To: %(unit)s") % {"unit": destination}
    doc.blocks = [
        Paragraph(ctx.received_line()),
        Paragraph(
            _("The matter is outside the competence of %(unit)s. Under the law, the petition is transferred to "
              "%(destination)s to be considered and resolved within its competence, and the sender is to be "
              "told of the result.") % {"unit": ctx.unit.name, "destination": destination}
        ),
        Paragraph(_("Petition code: %(code)s.") % {"code": petition.code}, indent=False),
    ]  # fmt: skip
    if linked is not None:
        doc.blocks.append(Paragraph(_("Code at the receiving body: %(code)s.") % {"code": linked.code}, indent=False))
    if petition.is_sealed:
        doc.blocks.append(
            Paragraph(
                _("The identity of the denouncer is confidential and must be kept secret "
                  "(Law on Denunciation, Article 47)."),
                italic=True,
            )
        )  # fmt: skip
    doc.recipients = [_("As above;"), _("The sender (for information);"), _("Filed: archives, case file.")]
    doc.signature = ctx.signature(available.actor, _("Head of the unit"))
    return doc


def guidance_slip(ctx, available, guidance):
    doc = ctx.base(DocumentKind.GUIDANCE_SLIP, _("GUIDANCE SLIP"), _("Guidance on where to send the petition"))
    doc.form_note = _("Drawn up in the structure of the forms of %(circular)s") % {"circular": HANDLING_FORM}
    doc.addressee = _("To: %(sender)s") % {"sender": ctx.sender()}
    doc.blocks = [
        Paragraph(ctx.received_line()),
        Paragraph(_("The matter is outside the competence of %(unit)s.") % {"unit": ctx.unit.name}),
        Paragraph(_("Guidance: %(text)s") % {"text": guidance or "…"}),
    ]
    doc.recipients = [_("As above;"), _("Filed: archives, case file.")]
    doc.signature = ctx.signature(available.actor, _("Official in charge"))
    return doc


def resolution(ctx, available, decision):
    petition = ctx.petition
    if petition.kind == Kind.DENUNCIATION:
        doc = ctx.base(DocumentKind.RESOLUTION, _("CONCLUSION"), _("On the content of the denunciation"))
        doc.blocks = [
            Paragraph(_("Pursuant to the %(law)s;") % {"law": LAW_OF_KIND[petition.kind]}, italic=True),
            Paragraph(_("On %(day)s, %(unit)s accepted the denunciation about: %(summary)s (code %(code)s). The "
                        "identity of the denouncer is kept secret.") % {
                "day": short(petition.accepted_date), "unit": ctx.unit.name, "summary": petition.summary,
                "code": petition.code}),
        ]  # fmt: skip
    elif petition.is_complaint:
        instance = _("first instance") if petition.kind == Kind.COMPLAINT_FIRST else _("second instance")
        doc = ctx.base(
            DocumentKind.RESOLUTION,
            _("DECISION"),
            _("On the resolution of the complaint of %(sender)s (%(instance)s)")
            % {"sender": ctx.sender(), "instance": instance},
        )
        doc.blocks = [
            Paragraph(_("Pursuant to the %(law)s;") % {"law": LAW_OF_KIND[petition.kind]}, italic=True),
            Paragraph(_("Considering the complaint received on %(day)s about: %(summary)s (code %(code)s);") % {
                "day": short(petition.received_date), "summary": petition.summary, "code": petition.code},
                italic=True),
        ]  # fmt: skip
    else:
        doc = ctx.base(DocumentKind.RESOLUTION, "", _("Re: answer to the recommendation or feedback"))
        doc.addressee = _("To: %(sender)s") % {"sender": ctx.sender()}
        doc.blocks = [Paragraph(ctx.received_line())]
    if decision.number:
        doc.reference = _("No.: %(reference)s") % {"reference": decision.number}
    if decision.text:
        doc.blocks += [Paragraph(line) for line in decision.text.splitlines() if line.strip()]
    if decision.outcome:
        doc.blocks.append(
            Paragraph(_("Conclusion: %(outcome)s.") % {"outcome": decision.get_outcome_display().lower()})
        )
    if petition.is_complaint:
        doc.blocks.append(
            Paragraph(
                _("If the complainant disagrees with this decision, they may complain to the next level or bring "
                  "an administrative case before the court, as the Law on Complaints provides.")
            )
        )  # fmt: skip
    doc.recipients = [_("The sender;"), _("Filed: archives, case file.")]
    doc.signature = ctx.signature(decision.recorded_by, _("Head of the unit"))
    if decision.signer and decision.signer != doc.signature.name:
        # The decision was signed by someone else than the official who recorded it: their name, no position.
        doc.signature = Signature(position=_("HEAD OF THE UNIT"), name=decision.signer)
    return doc


def guidance_text(event):
    """What the official wrote as guidance: on the step's line, or on the internal note written just before."""
    if event.note.strip():
        return event.note.strip()
    note = (
        event.petition.events.filter(kind=EventKind.NOTE, actor_id=event.actor_id, pk__lt=event.pk)
        .order_by("-pk")
        .first()
    )
    return note.note.strip() if note else ""
