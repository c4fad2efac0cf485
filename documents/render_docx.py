"""A Document as an editable .docx (python-docx): the same parts and words as the PDF, in Times New Roman as
Decree 30/2020/NĐ-CP prescribes (Word has it; the PDF embeds its metric twin), so an official can edit and sign."""

from io import BytesIO

import segno
from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .layout import MOTTO, NATIONAL_NAME, RECIPIENTS_LABEL, Table

FONT = "Times New Roman"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _setup(word):
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = word.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(3)


def _line(container, text, *, bold=False, italic=False, size=13, align="center", underline=False):
    paragraph = container.add_paragraph()
    paragraph.alignment = ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return paragraph


def _two_columns(word, widths):
    table = word.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    return table.rows[0].cells


def _fill(cell, lines):
    first = True
    for text, options in lines:
        if not text:
            continue
        if first:
            paragraph = cell.paragraphs[0]
            paragraph.alignment = ALIGN[options.get("align", "center")]
            run = paragraph.add_run(text)
            run.bold, run.italic = options.get("bold", False), options.get("italic", False)
            run.underline = options.get("underline", False)
            run.font.size = Pt(options.get("size", 13))
            first = False
        else:
            _line(cell, text, **options)


def _header(word, doc):
    left, right = _two_columns(word, (70, 95))
    _fill(
        left,
        [
            (doc.parent_body, {"size": 12}),
            (doc.issuer, {"bold": True, "size": 12, "underline": True}),
            (doc.reference, {"size": 13}),
            (doc.subtitle if not doc.title else "", {"size": 12}),
        ],
    )
    _fill(
        right,
        [
            (NATIONAL_NAME, {"bold": True, "size": 12}),
            (MOTTO, {"bold": True, "size": 13, "underline": True}),
            (doc.place_date, {"italic": True, "size": 13}),
        ],
    )


def _title(word, doc):
    word.add_paragraph()
    if doc.title:
        _line(word, doc.title, bold=True, size=14)
        if doc.subtitle:
            _line(word, doc.subtitle, bold=True, size=14)
    if doc.form_note:
        _line(word, f"({doc.form_note})", italic=True, size=11)
    if doc.addressee:
        word.add_paragraph()
        _line(word, doc.addressee, size=14)
    word.add_paragraph()


def _table(word, table):
    if table.title:
        _line(word, table.title, bold=True, align="left")
    grid = word.add_table(rows=0, cols=len(table.header))
    grid.style = "Table Grid"
    for index, row in enumerate([table.header, *table.rows]):
        cells = grid.add_row().cells
        for cell, value, fraction in zip(cells, row, table.widths, strict=True):
            cell.width = Mm(165 * fraction)
            run = cell.paragraphs[0].add_run("" if value is None else str(value))
            run.font.size = Pt(11)
            run.bold = index == 0
    word.add_paragraph()


def _blocks(word, doc):
    for block in doc.blocks:
        if isinstance(block, Table):
            _table(word, block)
            continue
        paragraph = word.add_paragraph()
        paragraph.alignment = ALIGN[block.align]
        if block.indent and block.align == "justify":
            paragraph.paragraph_format.first_line_indent = Mm(10)
        run = paragraph.add_run(block.text)
        run.bold, run.italic = block.bold, block.italic


def _qr(word, doc):
    if not doc.qr_payload:
        return
    image = BytesIO()
    segno.make(doc.qr_payload, error="m").save(image, kind="png", scale=6, border=2)
    image.seek(0)
    paragraph = word.add_paragraph()
    paragraph.add_run().add_picture(image, width=Mm(28))
    paragraph.add_run(f"  {doc.qr_caption}").italic = True


def _signature_lines(signature):
    return [
        (signature.authority, {"bold": True}),
        (signature.position, {"bold": True}),
        (signature.caption, {"italic": True, "size": 12}),
        ("\n\n\n", {}),
        (signature.name, {"bold": True}),
    ]


def _closing(word, doc):
    left, right = _two_columns(word, (82, 83))
    recipients = []
    if doc.recipients:
        recipients = [(RECIPIENTS_LABEL, {"bold": True, "italic": True, "size": 12, "align": "left"})]
        recipients += [(f"- {line}", {"size": 11, "align": "left"}) for line in doc.recipients]
    if doc.second_signature is not None:
        _fill(left, _signature_lines(doc.second_signature))
    else:
        _fill(left, recipients)
    _fill(right, _signature_lines(doc.signature))
    if doc.second_signature is not None and recipients:
        # Two signatures take the row (the preparer's and the head's); the recipients come under them.
        word.add_paragraph()
        for text, options in recipients:
            _line(word, text, **options)


def render_docx(doc):
    """The document as .docx bytes."""
    word = WordDocument()
    _setup(word)
    word.core_properties.title = " ".join(part for part in (doc.title, doc.subtitle) if part) or doc.kind
    _header(word, doc)
    _title(word, doc)
    _blocks(word, doc)
    _qr(word, doc)
    _closing(word, doc)
    out = BytesIO()
    word.save(out)
    return out.getvalue()
