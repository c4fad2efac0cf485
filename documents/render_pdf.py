"""A Document as a PDF (fpdf2): A4, the margins, sizes and places of Decree 30/2020/NĐ-CP Appendix I, and the
Liberation Serif font shipped in documents/fonts (metric-compatible with the Times New Roman the decree
prescribes, with every Vietnamese letter) embedded, so the file prints the same everywhere."""

import logging
from io import BytesIO
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .layout import MOTTO, NATIONAL_NAME, RECIPIENTS_LABEL, Table

# fpdf2 subsets the font with fontTools, which logs every table it touches at INFO: a hundred lines a file.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "LiberationSerif"
FONT_FILES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
# Appendix I, II: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGINS = {"left": 30, "top": 20, "right": 15}
BOTTOM = 20
LEFT_COLUMN = 70  # the issuer's column; the national name takes the rest
LINE = 6.5
INDENT = "\u00a0" * 8  # the first line of a body paragraph (a non-breaking space is never stretched)
ALIGN = {"left": "L", "center": "C", "right": "R", "justify": "J"}


def _pdf():
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(**MARGINS)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / f"LiberationSerif-{name}.ttf"))
    pdf.set_creator("Dân vận portal")
    return pdf


def _column(pdf, x, width, lines, y):
    """Centred lines in a column from `y`; each line (text, style, size, underline_ratio). Returns the end y."""
    pdf.set_xy(x, y)
    for text, style, size, rule in lines:
        if not text:
            continue
        pdf.set_font(FAMILY, style, size)
        pdf.set_x(x)
        pdf.multi_cell(width, LINE, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if rule:
            length = min(pdf.get_string_width(text), width) * rule
            middle = x + width / 2
            pdf.line(middle - length / 2, pdf.get_y() + 0.3, middle + length / 2, pdf.get_y() + 0.3)
            pdf.set_y(pdf.get_y() + 1.5)
    return pdf.get_y()


def _header(pdf, doc):
    top = pdf.get_y()
    width = pdf.epw
    left = [
        (doc.parent_body, "", 12, 0),
        (doc.issuer, "B", 12, 0.4),
        (doc.reference, "", 13, 0),
        (doc.subtitle if not doc.title else "", "", 12, 0),  # "V/v …" of a letter stands under its number
    ]
    right = [(NATIONAL_NAME, "B", 12, 0), (MOTTO, "B", 13, 1), (doc.place_date, "I", 13, 0)]
    end_left = _column(pdf, pdf.l_margin, LEFT_COLUMN, left, top)
    end_right = _column(pdf, pdf.l_margin + LEFT_COLUMN, width - LEFT_COLUMN, right, top)
    pdf.set_y(max(end_left, end_right) + 6)


def _title(pdf, doc):
    if doc.title:
        pdf.set_font(FAMILY, "B", 14)
        pdf.multi_cell(0, LINE + 1, doc.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if doc.subtitle:
            pdf.multi_cell(0, LINE + 1, doc.subtitle, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if doc.form_note:
        pdf.set_font(FAMILY, "I", 11)
        pdf.multi_cell(0, LINE, f"({doc.form_note})", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    if doc.addressee:
        pdf.set_font(FAMILY, "", 14)
        pdf.multi_cell(0, LINE + 1, doc.addressee, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)


def _table(pdf, table):
    if table.title:
        pdf.set_font(FAMILY, "B", 13)
        pdf.multi_cell(0, LINE, table.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "", 11)
    widths = [pdf.epw * fraction for fraction in table.widths]
    with pdf.table(col_widths=widths, line_height=5.5, first_row_as_headings=True) as grid:
        for row in [table.header, *table.rows]:
            cells = grid.row()
            for cell in row:
                cells.cell("" if cell is None else str(cell))
    pdf.ln(3)


def _blocks(pdf, doc):
    for block in doc.blocks:
        if isinstance(block, Table):
            _table(pdf, block)
            continue
        style = ("B" if block.bold else "") + ("I" if block.italic else "")
        pdf.set_font(FAMILY, style, 13)
        text = f"{INDENT}{block.text}" if block.indent and block.align == "justify" else block.text
        pdf.multi_cell(0, LINE, text, align=ALIGN[block.align], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)


def _qr(pdf, doc):
    if not doc.qr_payload:
        return
    image = BytesIO()
    segno.make(doc.qr_payload, error="m").save(image, kind="png", scale=6, border=2)
    image.seek(0)
    size = 28
    if pdf.get_y() + size > pdf.h - BOTTOM:
        pdf.add_page()
    top = pdf.get_y()
    pdf.image(image, x=pdf.l_margin, y=top, w=size, h=size)
    pdf.set_xy(pdf.l_margin + size + 3, top + size / 2 - LINE)
    pdf.set_font(FAMILY, "I", 12)
    pdf.multi_cell(pdf.epw - size - 3, LINE, doc.qr_caption, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(top + size + 3)


def _signature_lines(signature):
    return [
        (signature.authority, "B", 13, 0),
        (signature.position, "B", 13, 0),
        (signature.caption, "I", 12, 0),
    ]


def _closing(pdf, doc):
    if pdf.get_y() + 55 > pdf.h - BOTTOM:
        pdf.add_page()
    top = pdf.get_y() + 2
    half = pdf.epw / 2
    ends = []
    if doc.second_signature is not None:
        left_end = _column(pdf, pdf.l_margin, half, _signature_lines(doc.second_signature), top)
        ends.append(_column(pdf, pdf.l_margin, half, [(doc.second_signature.name, "B", 13, 0)], left_end + 22))
    else:
        ends.append(_recipients(pdf, doc, top, half))
    right_end = _column(pdf, pdf.l_margin + half, half, _signature_lines(doc.signature), top)
    ends.append(_column(pdf, pdf.l_margin + half, half, [(doc.signature.name, "B", 13, 0)], right_end + 22))
    if doc.second_signature is not None:
        # Two signatures take the row (the preparer's and the head's); the recipients come under them.
        _recipients(pdf, doc, max(ends) + 4, half)


def _recipients(pdf, doc, top, width):
    pdf.set_xy(pdf.l_margin, top)
    if doc.recipients:
        pdf.set_font(FAMILY, "BI", 12)
        pdf.cell(width, LINE, RECIPIENTS_LABEL, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, "", 11)
        for line in doc.recipients:
            pdf.multi_cell(width, 5, f"- {line}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return pdf.get_y()


def render_pdf(doc):
    """The document as PDF bytes."""
    pdf = _pdf()
    pdf.set_title(" ".join(part for part in (doc.title, doc.subtitle) if part) or doc.kind)
    pdf.add_page()
    _header(pdf, doc)
    _title(pdf, doc)
    _blocks(pdf, doc)
    _qr(pdf, doc)
    _closing(pdf, doc)
    return bytes(pdf.output())
