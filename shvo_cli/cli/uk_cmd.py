"""``shvo utskrivningsklara import`` and ``shvo budget utskrivningsklara``: aggregate days
of payment responsibility and the billing basis; never data about patients."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import (
    AllowDetachedOption,
    AsOption,
    ByOption,
    CommitOption,
    DateOption,
    RecordsOption,
    import_with,
    records_root,
)
from shvo_cli.cli.finance_out import ExcelOpt, OutOpt, emit, spreadsheet

uk_app = typer.Typer(
    help="Utskrivningsklara: import the statistics export's days of payment responsibility "
    "per municipality and month (aggregate only; person-level files are refused).",
    no_args_is_help=True)


class BasisFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


@uk_app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="CSV or XLSX export, one month.")],
    by: ByOption = None, role: AsOption = None, when: DateOption = None,
    commit: CommitOption = None, records: RecordsOption = None,
    allow_detached: AllowDetachedOption = False,
) -> None:
    """Store a month's days per municipality as uk-days-YYYY-MM. A file with identity
    numbers, names, dates of birth or one row per patient is refused, nothing stored, and
    the refusal does not repeat the data."""
    from shvo_cli.finance import utskrivningsklara as core

    import_with(ctx, records, file, core.import_days, by=by, role=role, day=when,
                commit=commit)


def basis(
    ctx: typer.Context,
    month: Annotated[str, typer.Argument(metavar="YEAR-MM", help="The month, e.g. 2025-03.")],
    output_format: Annotated[BasisFormat, typer.Option(
        "--format", "-f", help="table, csv, json or xlsx (with -o FILE).")
    ] = BasisFormat.table,
    excel: ExcelOpt = False,
    output: OutOpt = None,
    records: RecordsOption = None,
) -> None:
    """The utskrivningsklara billing basis for a month: per municipality, days of payment
    responsibility × the price per day stated in the records (no default)."""
    from shvo_cli.finance import utskrivningsklara as core
    from shvo_cli.invoices import sources
    from shvo_cli.render import utskrivningsklara as render

    root = records_root(records, ctx)
    b = core.basis(root, month)
    out = spreadsheet(output_format.value, excel, lambda: render.sheet(b),
                      lambda: sources.describe(root, None, (), [("uk", f"uk-days-{b.month}")]))
    if out is None and output_format is BasisFormat.csv:
        out = render.csv(b)
    elif out is None and output_format is BasisFormat.json:
        out = render.to_json(b)
    elif out is None:
        out = render.table(b)
    emit(ctx, out, output)
