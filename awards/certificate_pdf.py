"""Certificates drawn with the fast PDF writer (documents.pdfwriter): the full design's frame,
and each layout box filled with its text, refused by the field and the person when it does
not fit."""

from django.utils.translation import gettext as _

from awards.layouts import VARIABLES, frame_texts, text_style
from documents.pdfwriter import Page, PdfWriter, TextOverflow
from documents.registry import RenderError

RED = (0.702, 0.071, 0.106)


def _frame(page: Page, title: str) -> None:
    """The full design on a blank sheet: a double red frame, the national motto, the title."""
    width, height = page.width, page.height
    page.rect(7, 7, width - 14, height - 14, stroke=2.2, color=RED)
    page.rect(10, 10, width - 20, height - 20, stroke=0.6, color=RED)
    for text, box in frame_texts(title):
        page.text(text, color=RED if box["field"] == "title" else None, **text_style(box))


def _draw(page: Page, certificate: dict, box: dict) -> None:
    try:
        page.text(certificate[box["field"]], **text_style(box))
    except TextOverflow as exc:
        raise RenderError(
            _("%(field)s của “%(name)s” không in vừa %(title)s: %(reason)s")
            % {
                "field": VARIABLES[box["field"]][0],
                "name": certificate["name"][:80],
                "title": certificate["title"].lower(),
                "reason": exc.args[0],
            }
        ) from None


def certificates_pdf(sheet: dict, progress=None) -> bytes:
    """One page per certificate of ``sheet`` (see awards.printing.certificate_sheet)."""
    writer = PdfWriter()
    total = len(sheet["certificates"])
    for done, certificate in enumerate(sheet["certificates"], start=1):
        layout = sheet["layouts"][certificate["layout"]]
        page = writer.new_page(layout["width"], layout["height"])
        if sheet["design"]:
            _frame(page, certificate["title"])
        for box in layout["fields"]:
            if box["field"] == "qr":
                page.qr(certificate["qr"], x=box["x"], y=box["y"], size=box["size"])
            else:
                _draw(page, certificate, box)
        writer.add_page(page)
        if progress is not None and done % 500 == 0:
            progress(done, total)
    return writer.finish()
