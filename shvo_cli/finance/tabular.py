"""Reading an export (CSV or XLSX) as rows of text, each with where it came from.

Exports come from the financial system and the IT service's statistics, opened and saved by
people in Excel: CSV with commas or semicolons, UTF-8 with or without BOM or Windows-1252,
or an XLSX. Every row keeps its place (``file:line`` for CSV, ``file:row`` for XLSX) so an
error can name it. Formulas are not run: an XLSX cell is read as its saved value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.paths import display_path

MAX_BYTES = 20 * 1024 * 1024


class ExportError(ShvoError):
    """The export cannot be read or does not have the columns needed (exit 1, nothing
    stored)."""

    exit_code = 1  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Row:
    where: str
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    data: bytes


def holds_identity_numbers(table: Table) -> bool:
    """A personnummer or samordningsnummer anywhere in an export: in its bytes (a CSV) or in
    any header or cell (an XLSX, whose bytes are compressed). Callers refuse the file
    without repeating what it holds."""
    from shvo_cli.privacy import find_identity_numbers

    if find_identity_numbers(table.data.decode("utf-8", errors="replace")):
        return True
    cells = "\n".join(["\t".join(table.headers),
                       *("\t".join(row.cells.values()) for row in table.rows)])
    return bool(find_identity_numbers(cells))


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _csv_rows(path: Path, raw: bytes) -> Iterator[tuple[str, list[str]]]:
    text = _text(raw)
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    for i, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        yield f"{display_path(path)}:{i}", row


def _xlsx_rows(path: Path, raw: bytes) -> Iterator[tuple[str, list[str]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ExportError(_("{file}: not a readable XLSX file ({error})").format(
            file=display_path(path), error=type(exc).__name__)) from None
    ws = wb.worksheets[0]
    for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
        yield f"{display_path(path)}:{_('row')} {i}", [
            "" if v is None else str(v) for v in values]
    wb.close()


def read_table(path: Path) -> Table:
    """The export's header row and data rows (blank rows skipped)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExportError(_("{file}: larger than 20 MB; not an export shvo reads").format(
                file=display_path(path)))
        raw = path.read_bytes()
    except OSError as exc:
        raise ExportError(_("{file}: cannot be read ({reason})").format(
            file=display_path(path), reason=exc.strerror)) from None
    xlsx = raw[:2] == b"PK"
    rows = list(_xlsx_rows(path, raw) if xlsx else _csv_rows(path, raw))
    rows = [(w, [c.strip() for c in r]) for w, r in rows if any(c.strip() for c in r)]
    if not rows:
        raise ExportError(_("{file}: empty").format(file=display_path(path)))
    headers = tuple(rows[0][1])
    out = tuple(Row(w, dict(zip(headers, r, strict=False))) for w, r in rows[1:])
    return Table(headers, out, raw)


def parse_kronor(text: str, where: str) -> int:
    """An amount as whole kronor: ``12 345``, ``-1 234,50``, ``1234.5``; öre are kept until
    here and rounded half away from zero, so each row adds at most half a krona."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    cleaned = cleaned.replace(",", ".")
    sign = -1 if cleaned.startswith("-") else 1
    digits = cleaned.lstrip("+-")
    whole, __, frac = digits.partition(".")
    if not whole.isdigit() or (frac and not frac.isdigit()) or len(digits) > 15:
        raise ExportError(_("{where}: {value!r} is not an amount").format(
            where=where, value=text[:20]))
    ore = int(whole) * 100 + int((frac + "00")[:2] or 0)
    return sign * ((ore + 50) // 100)
