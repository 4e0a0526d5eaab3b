"""Output shared by the finance commands: the format options, and writing text or a workbook.

An XLSX is binary and is never written to a terminal or a pipe: ``--format xlsx`` needs
``-o FILE``, written atomically. ``--excel`` is CSV for Swedish Excel (semicolons, BOM,
Swedish headers); plain ``--format csv`` keeps stable English columns for scripts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import note
from shvo_cli.i18n import _
from shvo_cli.render.formats import Formats

ExcelOpt = Annotated[bool, typer.Option(
    "--excel", help="CSV for Excel: semicolons, UTF-8 with BOM, headers in the run's "
    "language (Swedish with --lang sv).")]
OutOpt = Annotated[str | None, typer.Option(
    "-o", "--output", help="Write to FILE (required for --format xlsx).", show_default=False)]


def emit(ctx: typer.Context, out: str | bytes, output: str | None) -> None:
    """Print text, or write text or bytes to ``output`` atomically."""
    from shvo_cli.errors import ShvoError
    from shvo_cli.store.files import atomic_write, check_output_path

    if output is None:
        if isinstance(out, bytes):
            raise ShvoError(_("--format xlsx writes a binary file: give -o FILE.xlsx"))
        typer.echo(out, nl=False)
        return
    path = check_output_path(Path(output))
    atomic_write(path, out if isinstance(out, bytes) else out.encode("utf-8"))
    note(ctx, "shvo: " + _("wrote {path}").format(path=output))


def spreadsheet(fmt: str, excel: bool, sheet: Callable[[], object],
                sources: Callable[[], Sequence[tuple[str, str]]]) -> str | bytes | None:
    """``--excel`` CSV or an XLSX workbook (the view and its sources), else None."""
    from shvo_cli.render import sheets, xlsx

    if fmt == "xlsx":
        view = sheet()
        assert isinstance(view, sheets.Sheet)
        return xlsx.workbook([view, sheets.sources_sheet(sources())])
    if excel:
        view = sheet()
        assert isinstance(view, sheets.Sheet)
        return sheets.excel_csv(view)
    return None


def show(ctx: typer.Context, view: tuple[Formats, str, tuple[object, ...]], excel: bool,
         output: str | None, sheet: Callable[[], object],
         sources: Callable[[], Sequence[tuple[str, str]]]) -> None:
    """A finance view: XLSX or ``--excel`` CSV where asked, else the view's format — drawn
    for a person on a terminal, or plain text into ``-o FILE``."""
    from shvo_cli.cli import console
    from shvo_cli.render.table import plain

    formats, fmt, data = view
    out = spreadsheet(fmt, excel, sheet, sources)
    if out is None and output is None:
        console.emit(formats, fmt, *data)
        return
    emit(ctx, out if out is not None else plain(formats[fmt](*data)), output)
