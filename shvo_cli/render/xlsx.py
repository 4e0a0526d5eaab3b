"""Sheets as an XLSX workbook (openpyxl): one worksheet per view and one naming the sources.

Amounts are numeric cells with a krona number format (never text, so Excel sums them), every
text cell passes :func:`shvo_cli.render.cells.neutral`, the header row is bold and frozen.
The file is reproducible: the document dates are fixed and the zip entries carry a fixed
timestamp, so the same records give the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from shvo_cli.render.cells import neutral
from shvo_cli.render.sheets import Sheet

KRONA = '#,##0 "kr";-#,##0 "kr"'
_FIXED = datetime(2000, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*<")
_BAD_TITLE = str.maketrans({c: " " for c in "[]:*?/\\"})


def _title(text: str, taken: set[str]) -> str:
    base = text.translate(_BAD_TITLE).strip()[:31] or "Sheet"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01: byte-for-byte reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" on save
                data = _MODIFIED.sub(b"\\g<1>2000-01-01T00:00:00Z<", data)
            dst.writestr(fixed, data)
    return out.getvalue()


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The workbook's bytes."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    wb.properties.creator = "shvo"
    wb.properties.created = wb.properties.modified = _FIXED
    taken: set[str] = set()
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(_title(sheet.title, taken))
        ws.append([neutral(h) for h in sheet.headers])
        for cell in ws[1]:
            cell.font = bold
        for row in [*sheet.rows, *sheet.foot]:
            ws.append([neutral(v) for v in row])
        for j in sheet.money:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j + 1, max_col=j + 1):
                cell.number_format = KRONA
        for row in ws.iter_rows(min_row=ws.max_row - len(sheet.foot) + 1) if sheet.foot \
                else ():
            for cell in row:
                cell.font = bold
        ws.freeze_panes = "A2"
        for j, h in enumerate(sheet.headers):
            width = max([len(str(h)), *(len(str(r[j])) for r in sheet.rows
                                         if r[j] is not None)])
            ws.column_dimensions[get_column_letter(j + 1)].width = min(max(width + 2, 8), 60)
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())
