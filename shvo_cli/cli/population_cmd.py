"""``shvo population import``: SCB's export in, a validated population record out."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from shvo_cli.cli.common import RecordsOption, records_root
from shvo_cli.cli.console import echo, note
from shvo_cli.i18n import _

population_app = typer.Typer(
    help="Population tables: import SCB's Statistikdatabasen export (JSON-stat or CSV) as a "
    "population record.",
    no_args_is_help=True,
)


def _date(text: str | None) -> date | None:
    from shvo_cli.population.importer import PopulationImportError

    if text is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise PopulationImportError(_("--date {text!r}: give a date as YYYY-MM-DD").format(
            text=text)) from None


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
    from shvo_cli.paths import display_path as where
    from shvo_cli.population.importer import import_population

    root = records_root(records, ctx)
    result = import_population(root, file, ref=_date(on), source=source, period=period,
                               force=force, dry_run=dry_run, label=str(file))
    path, summary = where(result.path), _summary(result)
    if dry_run:
        echo(result.text, nl=False)
        note(ctx, "shvo: " + _("dry run, not written to {path}: {summary}").format(
            path=path, summary=summary))
        return
    done = _("replaced {path}: {id}, {summary}") if result.replaced \
        else _("wrote {path}: {id}, {summary}")
    note(ctx, done.format(path=path, id=result.record_id, summary=summary), err=False)


def _summary(result: Any) -> str:
    """How many municipalities and inhabitants, and whether the county row agrees."""
    from shvo_cli.findings import kr

    figs = result.figures
    if figs.county_total is None:
        summary = _("{count} municipalities, {inhabitants} inhabitants on {date}")
    elif figs.county_total == figs.total:
        summary = _("{count} municipalities, {inhabitants} inhabitants on {date} (the county "
                    "row agrees)")
    else:
        summary = _("{count} municipalities, {inhabitants} inhabitants on {date} (the county "
                    "row says {county}, difference {difference})")
    return summary.format(
        count=len(figs.rows), inhabitants=kr(figs.total), date=result.reference_date,
        county=kr(figs.county_total or 0), difference=kr(figs.total - (figs.county_total or 0)))
