"""The förvaltningsplan as a Word document (python-docx), from the same blocks as the
Markdown and HTML.

Headings use Word's own heading styles (Rubrik 1–4 in a Swedish Word), so the table of
contents field at the top fills in when Word updates fields (F9) and the navigation pane
works. The file is byte-for-byte reproducible: fixed document dates and zip entry times.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from shvo_cli.plan.document import Bullets, Document, Heading, Para, Table
from shvo_cli.render.safe import one_line

_FIXED = (1980, 1, 1, 0, 0, 0)


def _clean(text: str) -> str:
    """Word XML cannot hold control characters; record text is one line per paragraph."""
    return one_line(text)


def _toc_field(paragraph: object) -> None:
    """A TOC field over heading levels 1–3; Word fills it in on opening (update fields)."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    parts = [("begin", None), (None, 'TOC \\o "1-3" \\h \\z \\u'), ("separate", None),
             (None, None), ("end", None)]
    for kind, instr in parts:
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif instr is not None:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            run._r.append(el)
        else:
            el = OxmlElement("w:t")
            el.text = "Uppdatera fält (F9) för att visa innehållsförteckningen."
            run._r.append(el)


def _reproducible(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry times, so the same records give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def as_docx(doc: Document, stamp: datetime) -> bytes:
    """The document as .docx bytes; ``stamp`` is the date written as created/modified (the
    adoption date, or 1 January of the plan year for a draft)."""
    word = new_document()
    word.styles["Normal"].font.name = "Calibri"
    word.styles["Normal"].font.size = Pt(11)
    props = word.core_properties
    props.title, props.author, props.created, props.modified = doc.title, "shvo", stamp, stamp
    props.last_modified_by, props.revision = "shvo", 1
    toc_done = False
    for b in doc.blocks:
        if isinstance(b, Heading) and b.level == 0:
            word.add_heading(_clean(b.text), level=0)
            continue
        if isinstance(b, Heading) and not toc_done:
            word.add_heading("Innehållsförteckning", level=1)
            _toc_field(word.add_paragraph())
            word.add_page_break()  # type: ignore[no-untyped-call]
            toc_done = True
        if isinstance(b, Heading):
            text = f"{b.number} {b.text}" if b.number else b.text
            word.add_heading(_clean(text), level=min(b.level, 9))
        elif isinstance(b, Para):
            word.add_paragraph(_clean(b.text))
        elif isinstance(b, Bullets):
            for text, items in b.items:
                word.add_paragraph(_clean(text), style="List Bullet")
                for item in items:
                    word.add_paragraph(_clean(item), style="List Bullet 2")
        elif isinstance(b, Table):
            _table(word, b)
    buffer = io.BytesIO()
    word.save(buffer)
    return _reproducible(buffer.getvalue())


def _table(word: object, b: Table) -> None:
    if b.caption:
        caption = word.add_paragraph()  # type: ignore[attr-defined]
        caption.add_run(_clean(b.caption)).bold = True
    table = word.add_table(rows=1, cols=len(b.header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, b.header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_clean(text)).bold = True
    for row in b.rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = _clean(text)
            if i in b.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
