"""``shvo population import``: SCB's export in, a validated population record out."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from shvo_cli.cli.common import RecordsOption, records_root

population_app = typer.Typer(
    help="Population tables: import SCB's Statistikdatabasen export (JSON-stat or CSV) as a "
    "population record.",
    no_args_is_help=True,
)


def _date(text: str | None) -> date | None:
    from shvo_cli.population import PopulationImportError

    if text is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise PopulationImportError(f"--date {text!r}: give a date as YYYY-MM-DD") from None


@population_app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        help="SCB export: JSON-stat 2.0 (PxWebApi v2) or the CSV export of table BE0101N1.",
        show_default=False, metavar="FILE")],
    on: Annotated[str | None, typer.Option(
        "--date", help="Reference date, YYYY-MM-DD. Default: the end of the file's period "
        "(2024 → 2024-12-31).", show_default=False)] = None,
    source: Annotated[str | None, typer.Option(
        "--source", help="Source written on every row. Default: SCB Statistikdatabasen "
        "BE0101N1, imported from FILE.", show_default=False)] = None,
    period: Annotated[str | None, typer.Option(
        "--period", help="Which period to take when the file holds several (2024, 2024M12).",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an existing record for the same date.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print the record instead of writing it.")] = False,
    records: RecordsOption = None,
) -> None:
    """Read SCB's population figures for the county's 49 municipalities and write them as
    records/population/population-YYYY-MM-DD.yaml, each row with date and source.

    Refused (exit 2, nothing written): not exactly the 49 municipalities, a name that does
    not match its code, missing, zero, negative or fractional figures, several periods
    without --period, an existing record without --force.
    """
    from shvo_cli.budget import where
    from shvo_cli.findings import kr
    from shvo_cli.population import import_population

    root = records_root(records, ctx)
    result = import_population(root, file, ref=_date(on), source=source, period=period,
                               force=force, dry_run=dry_run, label=str(file))
    figs = result.figures
    summary = (f"{len(figs.rows)} municipalities, {kr(figs.total)} inhabitants on "
               f"{result.reference_date}")
    if figs.county_total is not None:
        summary += (" (the county row agrees)" if figs.county_total == figs.total else
                    f" (the county row says {kr(figs.county_total)}, difference "
                    f"{kr(figs.total - figs.county_total)})")
    if dry_run:
        typer.echo(result.text, nl=False)
        typer.echo(f"shvo: dry run, not written to {where(result.path)}: {summary}", err=True)
        return
    verb = "replaced" if result.replaced else "wrote"
    typer.echo(f"{verb} {where(result.path)}: {result.record_id}, {summary}")
