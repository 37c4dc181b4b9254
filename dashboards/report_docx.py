"""A report's blocks (dashboards/reports.py) as an editable Word document in the national
layout: the header block, the title, headings, paragraphs, placeholders in grey italics,
tables, then recipients and the signature."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt, RGBColor

from dashboards.reports import display
from documents.renderers import docx_national_header, docx_signature


def build(document, data: dict) -> None:
    docx_national_header(
        document,
        authority=data["authority"],
        sub_authority=data["sub_authority"],
        number=data["number"],
        place=data["place"],
        date=data["date"],
    )
    for text in (data["title"].upper(), data["subtitle"]):
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(0)
        run = title.add_run(text)
        run.bold, run.font.size = True, Pt(14)
    document.add_paragraph()
    for block in data["blocks"]:
        if block["type"] == "table":
            _table(document, block)
        else:
            _paragraph(document, block)
    docx_signature(document, data["signature"], data["recipients"])


def _paragraph(document, block: dict) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_after = Pt(6)
    if block["type"] != "heading":
        paragraph.paragraph_format.first_line_indent = Mm(10)
    run = paragraph.add_run(block["text"])
    if block["type"] == "heading":
        run.bold = True
        run.italic = block["level"] > 1
    elif block["type"] == "placeholder":
        run.italic = True
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _table(document, block: dict) -> None:
    columns = block["columns"]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    lines = [(columns, True), *((row, False) for row in block["rows"])]
    if block["totals"]:
        lines.append((block["totals"], True))
    for number, (values, bold) in enumerate(lines):
        row = table.rows[0] if number == 0 else table.add_row()
        # The header with the first two rows, the last row with the totals: Word never
        # leaves a header or a "Cộng" row alone at a page break.
        keep = number < 2 or number >= len(lines) - 2
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.keep_with_next = keep and number < len(lines) - 1
            if index in block["numeric"] and number > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(display(value))
            run.bold, run.font.size = bold, Pt(12)
        if number == 0:
            # Repeated at the top of every page the table runs onto.
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    document.add_paragraph()
