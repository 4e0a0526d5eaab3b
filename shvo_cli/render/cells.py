"""Cells for spreadsheets: the one place CSV and XLSX cells are made safe and written.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and a
leading tab or carriage return can hide one (OWASP "CSV injection"). A request title or a
system name typed by anyone could then run ``=HYPERLINK(…)`` or ``=cmd|…`` in a finance
officer's Excel. Every text cell of every CSV and XLSX shvo writes goes through
:func:`neutral`, which puts a ``'`` before such a text, so it shows as typed and never runs.

Numbers are written as numbers, never as text: a negative amount (a credit note) is the
integer ``-7596`` in CSV and a numeric cell in XLSX, and is not neutralised, because a
number shvo computed cannot carry a formula; only text from records can.

Two CSV dialects: the default keeps stable English column names, commas and UTF-8 without
BOM, for scripts; ``excel`` (``--excel``) is what Swedish Excel opens in columns: semicolons,
UTF-8 with BOM, CRLF line ends and Swedish headers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from shvo_cli.i18n import _

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
BOM = "\ufeff"


def neutral(value: object) -> object:
    """A cell value safe for a spreadsheet: text starting with a formula trigger gets a
    leading ``'``; numbers and empty cells pass unchanged."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def header(name: str, excel: bool) -> str:
    """A column name: stable English for scripts, Swedish (the run's language) for Excel."""
    return _(name) if excel else name


def write_csv(head: Sequence[str], rows: Sequence[Sequence[object]], *,
              excel: bool = False) -> str:
    """The CSV text. ``excel``: semicolons, BOM, CRLF; ``head`` is then already in the
    reader's language (see :func:`header`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if excel else ",",
                        lineterminator="\r\n" if excel else "\n")
    writer.writerow([neutral(h) for h in head])
    writer.writerows([neutral(v) for v in row] for row in rows)
    return (BOM if excel else "") + buf.getvalue()
