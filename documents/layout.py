"""The parts of an administrative document in the layout of Decree 30/2020/NĐ-CP (Appendix I), as data the
PDF and .docx renderers both draw: one structure, two formats, the same text in each."""

from dataclasses import dataclass, field

from danvan.orgunits.models import LOCALITY_KINDS, UnitKind
from danvan.orgunits.selectors import locality_of

# The national name and motto (Quốc hiệu và Tiêu ngữ), Decree 30/2020/NĐ-CP Art 8(1) and Appendix I:
# fixed words of the law, the same in every language the portal is shown in.
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# The heading of the recipients, Appendix I, II.9 (a fixed word of the layout as well).
RECIPIENTS_LABEL = "Nơi nhận:"

# Words a locality's name starts with, left out of the place name before the date (Appendix I, II.4:
# "Lai Châu, ngày …", not "Tỉnh Lai Châu, ngày …").
PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ", "Huyện ", "Quận ", "Thị xã ")


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # "left", "center", "right", "justify"
    indent: bool = True  # the first line indented, as body paragraphs are


@dataclass
class Table:
    header: list
    rows: list
    widths: list  # fractions of the text width
    title: str = ""


@dataclass
class Signature:
    authority: str = ""  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" when signing for the body
    position: str = ""
    name: str = ""
    caption: str = ""  # e.g. "(Ký, ghi rõ họ tên)"


@dataclass
class Document:
    kind: str
    file_stem: str
    issuer: str
    parent_body: str = ""
    reference: str = ""  # "Số: 12/TB-UBND"
    place_date: str = ""
    title: str = ""
    subtitle: str = ""
    addressee: str = ""
    blocks: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    second_signature: Signature | None = None  # the report's preparer, left of the signer
    qr_payload: str = ""
    qr_caption: str = ""
    form_note: str = ""  # the form the layout follows, printed small under the title

    def text(self):
        """All the words of the document, in reading order (what a reader or a test finds in either file)."""
        parts = [self.parent_body, self.issuer, NATIONAL_NAME, MOTTO, self.reference, self.place_date, self.title]
        parts += [self.subtitle, self.form_note, self.addressee]
        for block in self.blocks:
            if isinstance(block, Table):
                parts.append(block.title)
                parts += [str(cell) for row in [block.header, *block.rows] for cell in row]
            else:
                parts.append(block.text)
        parts += self.recipients
        for signature in (self.second_signature, self.signature):
            if signature:
                parts += [signature.authority, signature.position, signature.caption, signature.name]
        return "\n".join(part for part in parts if part)


def vietnamese_date(day):
    """ "ngày 05 tháng 02 năm 2026": days below 10 and the months January and February with a leading
    zero (Decree 30/2020/NĐ-CP, Appendix I, II.4.b)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_of(unit, letterhead=None):
    """The place name before the date: the letterhead's, else the unit's locality without its kind word."""
    if letterhead is not None and letterhead.place:
        return letterhead.place
    locality = locality_of(unit)
    name = locality.name if locality is not None else unit.name
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def parent_body_of(unit):
    """The body above the issuer in the header (cơ quan chủ quản), when the issuer hangs under a body rather
    than directly under its locality (Appendix I, II.2)."""
    parent = unit.parent
    if parent is None or parent.kind in LOCALITY_KINDS:
        return ""
    return parent.name.upper()


# The usual abbreviations of the bodies' names in document symbols; a letterhead row overrides them.
KIND_SYMBOLS = {
    UnitKind.PEOPLE_COMMITTEE: "UBND",
    UnitKind.PEOPLE_COUNCIL: "HĐND",
    UnitKind.COUNCIL_STANDING: "HĐND",
    UnitKind.FATHERLAND_FRONT: "MTTQ",
    UnitKind.INSPECTORATE: "TTr",
}


def symbol_of(unit, letterhead=None):
    """The issuer's abbreviation in the symbol: the letterhead's, the usual one of its kind, the name's
    first word when it is one already ("UBND phường …"), else the initials of the name."""
    if letterhead is not None and letterhead.symbol:
        return letterhead.symbol
    if unit.kind in KIND_SYMBOLS:
        return KIND_SYMBOLS[unit.kind]
    words = unit.name.split()
    if words and len(words[0]) > 1 and words[0].isupper():
        return words[0]
    return "".join(word[0].upper() for word in words if word[:1].isalpha())
