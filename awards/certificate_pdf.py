"""Certificates drawn with the fast PDF writer (documents.pdfwriter): the full design's frame,
and each layout box filled with its text, refused by the field and the person when it does
not fit."""

from django.utils.translation import gettext as _

from awards.layouts import VARIABLES, frame_texts, text_style
from documents.pdfwriter import Page, PdfWriter, TextOverflow
from documents.registry import RenderError

RED = (0.702, 0.071, 0.106)


def _frame(page: Page, frame: list[tuple[str, dict]]) -> None:
    """The full design on a blank sheet: a double red frame, the national motto, the title."""
    width, height = page.width, page.height
    page.rect(7, 7, width - 14, height - 14, stroke=2.2, color=RED)
    page.rect(10, 10, width - 20, height - 20, stroke=0.6, color=RED)
    for text, style in frame:
        page.text(text, **style)


def _frame_styles(title: str) -> list[tuple[str, dict]]:
    return [
        (text, {**text_style(box), "color": RED if box["field"] == "title" else None})
        for text, box in frame_texts(title)
    ]


def _draw(page: Page, certificate: dict, field: str, style: dict) -> None:
    try:
        page.text(certificate[field], **style)
    except TextOverflow as exc:
        raise RenderError(
            _("%(field)s của “%(name)s” không in vừa %(title)s: %(reason)s")
            % {
                "field": VARIABLES[field][0],
                "name": certificate["name"],
                "title": certificate["title"].lower(),
                "reason": exc.args[0],
            }
        ) from None


def certificates_pdf(sheet: dict, progress=None) -> bytes:
    """One page per certificate of ``sheet`` (see awards.printing.certificate_sheet)."""
    writer = PdfWriter()
    total = len(sheet["certificates"])
    # Styles worked out once per layout and title, not once per page: a batch has thousands.
    styles = {
        key: [(box["field"], box if box["field"] == "qr" else text_style(box)) for box in fields]
        for key, fields in ((key, layout["fields"]) for key, layout in sheet["layouts"].items())
    }
    frames: dict[str, list] = {}
    for done, certificate in enumerate(sheet["certificates"], start=1):
        layout = sheet["layouts"][certificate["layout"]]
        page = writer.new_page(layout["width"], layout["height"])
        if sheet["design"]:
            title = certificate["title"]
            if title not in frames:
                frames[title] = _frame_styles(title)
            _frame(page, frames[title])
        for field, style in styles[certificate["layout"]]:
            if field == "qr":
                page.qr(certificate["qr"], x=style["x"], y=style["y"], size=style["size"])
            else:
                _draw(page, certificate, field, style)
        writer.add_page(page)
        if progress is not None and done % 500 == 0:
            progress(done, total)
    return writer.finish()
