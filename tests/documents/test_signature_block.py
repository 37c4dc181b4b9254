"""The shared foot of a signed document (common/signature.typ and renderers.docx_signature),
and the fidelity checks every document kind's test relies on, shown to catch what they claim
to catch."""

import pytest
from docx.oxml.ns import qn

from documents import renderers
from tests.fidelity import MM, outside_margins, overlapping, read_docx, read_pdf

BLOCK = {
    "lines": ["TM. Ủy ban nhân dân", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    "name": "Nguyễn Văn Xuân",
}
RECIPIENTS = ["Như Điều 3;", "UBND tỉnh Quảng Ninh (để báo cáo);", "Lưu: VT."]

SIGNED = """#import "/common/header.typ": *
#import "/common/signature.typ": *
#let data = json(bytes(sys.inputs.data))
#show: page-setup
Nội dung văn bản.
#signature-block(data.signature, recipients: data.at("recipients", default: none))
"""


def test_the_pdf_block_prints_capacity_title_seal_space_and_name(typ_dir):
    typ_dir.write("signed.typ", SIGNED)
    pdf = read_pdf(
        renderers.typst_pdf("signed.typ", {"signature": BLOCK, "recipients": RECIPIENTS})
    )
    tm, kt, title, name = (
        pdf.line("TM. ỦY BAN NHÂN DÂN"),
        pdf.line("KT. CHỦ TỊCH"),
        pdf.line("PHÓ CHỦ TỊCH"),
        pdf.line("Nguyễn Văn Xuân"),
    )
    assert tm.top < kt.top < title.top < name.top
    assert all(line.bold for line in (tm, kt, title, name))
    assert name.top - title.bottom > 20 * MM
    received = pdf.line("Nơi nhận:")
    assert received.bold
    assert received.italic
    assert received.x1 < tm.x0
    assert pdf.line("- UBND tỉnh Quảng Ninh (để báo cáo);").top > received.bottom
    assert overlapping(pdf.lines) == []
    assert outside_margins(pdf) == []


def test_without_recipients_the_block_stands_alone(typ_dir):
    typ_dir.write("signed.typ", SIGNED)
    pdf = read_pdf(renderers.typst_pdf("signed.typ", {"signature": BLOCK}))
    assert "Nơi nhận" not in pdf.text
    assert pdf.line("Nguyễn Văn Xuân")


@pytest.mark.parametrize(
    ("source", "finds"),
    [
        # Two lines printed at one spot.
        ("#place(top + left)[Dòng thứ nhất]\n#place(top + left, dy: 3pt)[Dòng thứ hai]", "over"),
        # A line pushed into the right margin.
        ("#place(top + left, dx: 160mm)[Tràn lề phải]", "outside"),
    ],
)
def test_the_fidelity_checks_catch_overprinting_and_the_margins(typ_dir, source, finds):
    typ_dir.write("faulty.typ", f'#import "/common/header.typ": *\n#show: page-setup\n{source}\n')
    pdf = read_pdf(renderers.typst_pdf("faulty.typ", {}))
    if finds == "over":
        assert overlapping(pdf.lines) == [("Dòng thứ nhất", "Dòng thứ hai")]
    else:
        assert outside_margins(pdf)


def test_the_word_block_has_the_same_lines():
    document = read_docx(
        renderers.docx(lambda doc: renderers.docx_signature(doc, BLOCK, RECIPIENTS))
    )
    (table,) = document.tables
    received, signed = table.rows[0].cells
    assert [p.text for p in received.paragraphs] == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- UBND tỉnh Quảng Ninh (để báo cáo);",
        "- Lưu: VT.",
    ]
    lines = [p.text for p in signed.paragraphs]
    assert lines[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert lines[-1] == "Nguyễn Văn Xuân"
    # One row that never splits across pages, room for the seal above the name.
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert signed.paragraphs[-2].paragraph_format.space_after.pt >= 60
    assert all(run.bold for p in signed.paragraphs for run in p.runs if run.text)
